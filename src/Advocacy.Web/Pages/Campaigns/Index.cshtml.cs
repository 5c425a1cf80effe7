using Advocacy.Domain.Campaigns;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Campaigns;

/// <summary>Campaigns, newest first, and (for Organizers) the form that launches one.</summary>
public class IndexModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Hashtag { get; set; } = "";
    [BindProperty] public string Countries { get; set; } = "";
    [BindProperty] public string? Goal { get; set; }
    [BindProperty] public string? Keyword { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Campaigns = await session.Query<Campaign>().OrderByDescending(c => c.LaunchedAt).Take(200).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded) return Forbid();
        var countries = PageCommands.Items(Countries).Select(c => c.ToUpperInvariant()).ToArray();
        var command = new LaunchCampaign(Name.Trim(), Hashtag.Trim(), Goal, countries, null, null,
            string.IsNullOrWhiteSpace(Keyword) ? null : Keyword.Trim().ToUpperInvariant(), null) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct, problemField: nameof(Hashtag)) is { } outcome) return Redirect($"/campaigns/{outcome.Id}");
        await OnGetAsync(ct);
        return Page();
    }
}
