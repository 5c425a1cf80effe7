using Advocacy.Domain.Policy;
using Advocacy.Web.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Policy;

/// <summary>The scoreboard: countries × the eight practices, coloured by stage, today or as of a past date.</summary>
public class IndexModel(IQuerySession session) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    /// <summary>The slider's position: an index into <see cref="History"/>; one past its end is today.</summary>
    [BindProperty(SupportsGet = true)] public int? At { get; set; }

    /// <summary>Every date a milestone happened on, oldest first: the stops of the "as of" slider.</summary>
    public IReadOnlyList<DateOnly> History { get; private set; } = [];
    public int SliderAt { get; private set; }

    public ScoreboardView? Board { get; private set; }
    public string? Recorded { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Recorded = TempData["recorded"] as string;
        History = (await session.Query<CountryPolicy>().ToListAsync(ct)).SelectMany(p => p.Milestones).Select(m => m.Facts.OccurredOn)
            .Distinct().Order().ToList();
        // The slider posts its own form (no date field), so its stop decides; "today" is the stop past the last milestone.
        if (At is { } at && string.IsNullOrWhiteSpace(AsOf) && at >= 0 && at < History.Count) AsOf = History[at].ToString("yyyy-MM-dd");
        var asOf = string.IsNullOrWhiteSpace(AsOf) ? null : AsOf.Trim();
        var region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim();
        if (asOf is not null && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", out _))
        {
            ModelState.AddModelError(nameof(AsOf), "Give a date such as 2024-06-30.");
            asOf = null;
        }
        if (region is not null && !Advocacy.Domain.Policy.Regions.IsKnown(region))
        {
            ModelState.AddModelError(nameof(Region), "Pick a region from the list.");
            region = null;
        }
        (Board, _) = await ScoreboardEndpoints.Read(session, asOf, region, ct);
        SliderAt = Board?.AsOf is { } shown ? History.Count(d => d <= shown) - 1 : History.Count;
        if (SliderAt < 0) SliderAt = 0;
    }
}
