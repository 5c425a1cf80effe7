using Advocacy.Domain.Advocates;
using Advocacy.Web.Advocates;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>The advocate list: the API's search and filters (<see cref="AdvocateSearch"/>), a page at a time.</summary>
public class IndexModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public string? Consent { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AdvocateSearch.Page Found { get; private set; } = new([], 0, 0);

    public bool Filtered => Q is not null || Country is not null || Language is not null || Consent is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new AdvocateFilter(Country, Language, null, Consent, Q);
        foreach (var (field, messages) in GetAdvocateEndpoints.FilterErrors(filter))
            ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], messages[0]);
        if (PageNumber < 1) PageNumber = 1;
        if (!ModelState.IsValid) return;
        Found = await AdvocateSearch.Find(session, filter, PageNumber, PageSize, ct);
    }

    /// <summary>The list's filters as CSV, through the export endpoint's code: pages carry the cookie, the API only keys.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var filter = new AdvocateFilter(Country, Language, null, Consent, Q);
        if (GetAdvocateEndpoints.FilterErrors(filter).Count > 0) return BadRequest();
        await ExportAdvocatesEndpoint.WriteAsync(HttpContext, session, clock, filter);
        return new EmptyResult();
    }

    public string ExportUrl => Url.Page("/Advocates/Index", "Export", new { q = Q, country = Country, language = Language, consent = Consent })!;

    public string PageUrl(int page) => Url.Page("/Advocates/Index", new { q = Q, country = Country, language = Language, consent = Consent, p = page })!;
}
