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

    public ScoreboardView? Board { get; private set; }
    public string? Recorded { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Recorded = TempData["recorded"] as string;
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
    }
}
