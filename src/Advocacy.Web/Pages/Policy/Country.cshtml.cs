using Advocacy.Domain.Common;
using Advocacy.Domain.Policy;
using Advocacy.Web.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Policy;

/// <summary>
/// One country: where each practice stands, its milestones as a timeline per practice, and what preceded them (campaigns,
/// alerts, actions, trainings) — the data of <c>GET /api/policy/countries/{country}</c>.
/// </summary>
public class CountryModel(IQuerySession session) : PageModel
{
    public const int TimelineLength = 100;

    [BindProperty(SupportsGet = true)] public string Country { get; set; } = "";

    public CountryPage Data { get; private set; } = null!;
    public IReadOnlyList<Milestone> Milestones { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Countries.IsKnown(Country)) return NotFound();
        var code = Countries.Normalise(Country);
        Data = await CountryPageEndpoint.Read(session, code, TimelineLength, ct);
        Milestones = (await session.LoadAsync<CountryPolicy>(StableIds.PolicyOf(code), ct))?.Milestones ?? [];
        return Page();
    }

    /// <summary>A practice's milestones, newest first.</summary>
    public IEnumerable<Milestone> Of(string practice) =>
        Milestones.Where(m => m.Facts.Practices.Contains(practice)).OrderByDescending(m => m.Facts.OccurredOn).ThenByDescending(m => m.Sequence);

    public static string Label(string kind) => kind switch
    {
        "campaign_launched" or "campaign_closed" => "Campaign",
        "alert_sent" => "Alert",
        "actions" => "Actions",
        "training" => "Training",
        _ => "Milestone",
    };

    public static string? Link(TimelineEntry e) => e.Kind switch
    {
        "campaign_launched" or "campaign_closed" => $"/campaigns/{e.Id}",
        "training" => $"/trainings/{e.Id}",
        _ => null,
    };
}
