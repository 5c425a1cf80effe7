using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>
/// One advocate and their timeline (the events of their stream with their messages woven in), a page at a time;
/// for those who manage advocates: opt out / in per channel, and a search for a duplicate to merge into this record.
/// </summary>
public class ProfileModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public const int TimelinePageSize = 50;
    public static readonly string[] Sources = ["organizer", "coordinator", "admin"];

    [BindProperty(SupportsGet = true, Name = "t")] public int TimelinePage { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "duplicate")] public string? DuplicateQuery { get; set; }

    public Advocate Advocate { get; private set; } = null!;
    public Advocate? Survivor { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public int TimelinePages { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<Advocate> DuplicateCandidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return NotFound();
        Advocate = advocate;
        if (advocate.MergedInto is { } survivor) Survivor = await session.LoadAsync<Advocate>(survivor, ct);
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageAdvocates)).Succeeded;

        var timeline = await MessagingTimeline.ReadByMessage(session, id, ct) ?? [];
        TimelinePages = Math.Max(1, (timeline.Count + TimelinePageSize - 1) / TimelinePageSize);
        TimelinePage = Math.Clamp(TimelinePage, 1, TimelinePages);
        Timeline = timeline.Reverse().Skip((TimelinePage - 1) * TimelinePageSize).Take(TimelinePageSize).ToList();

        if (CanManage && !string.IsNullOrWhiteSpace(DuplicateQuery) && advocate.Status == AdvocateStatus.Active)
            DuplicateCandidates = (await AdvocateSearch.Find(session, new AdvocateFilter(Q: DuplicateQuery.Trim()), 1, 10, ct))
                .Items.Where(a => a.Id != id).ToList();
        return Page();
    }

    /// <summary>Opt out or back in on one channel, recorded with who asked for it.</summary>
    public async Task<IActionResult> OnPostConsentAsync(Guid id, Channel channel, ConsentChange change, string? source, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageAdvocates)).Succeeded) return Forbid();
        if (change == ConsentChange.Give) return BadRequest();
        // No expected version: an opt-out must never be refused because the page was a little old.
        var command = new ChangeConsent(id, change, channel, Sources.Contains(source) ? source! : "organizer", null) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct, problemField: "Consent") is null)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"/advocates/{id}");
        }
        TempData["Notice"] = change == ConsentChange.OptOut
            ? $"Opted out of {ConsentWords.Channel(channel)}: nothing more is sent on it."
            : $"Opted back in to {ConsentWords.Channel(channel)}.";
        return Redirect($"/advocates/{id}");
    }

    public string TimelineUrl(int page) => $"/advocates/{Advocate.Id}?t={page}";
}
