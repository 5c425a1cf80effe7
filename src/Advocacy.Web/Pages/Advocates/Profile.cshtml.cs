using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>One advocate and their timeline: the events of their stream with their messages woven in.</summary>
public class ProfileModel(IQuerySession session) : PageModel
{
    public Advocate Advocate { get; private set; } = null!;
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return NotFound();
        Advocate = advocate;
        Timeline = (await MessagingTimeline.Read(session, id, ct) ?? []).Reverse().ToList();
        return Page();
    }
}
