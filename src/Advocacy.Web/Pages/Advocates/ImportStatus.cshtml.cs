using Advocacy.Domain.Imports;
using Advocacy.Web.Auth;
using Advocacy.Web.Imports;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>What one import's progress shows, and its first errors once it is done.</summary>
public record ImportProgressView(AdvocateImport Import, IReadOnlyList<ImportRowError> FirstErrors)
{
    public const int ErrorsShown = 20;

    public bool Finished => Import.Status is ImportStatus.Completed or ImportStatus.Failed;

    /// <summary>Lines committed out of the lines counted at upload (the header is line 1); full once finished.</summary>
    public (int Value, int Max) Bar => Finished ? (1, 1) : (Import.LastLine, Math.Max(Math.Max(Import.TotalLines, Import.LastLine), 1));
}

/// <summary>
/// One import: a progress bar htmx refreshes every second until the job finishes, then the error report
/// (the first rows here, all of them as CSV through the same code as <c>GET /api/imports/{id}/errors</c>).
/// </summary>
[Authorize(Policy = Policies.ManageAdvocates)]
public class ImportStatusModel(IQuerySession session) : PageModel
{
    public ImportProgressView Progress { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_ImportProgress", Progress) : NotFound();

    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<AdvocateImport>(id, ct) is not { } import) return NotFound();
        await ImportEndpoints.WriteErrorsAsync(HttpContext, session, import);
        return new EmptyResult();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<AdvocateImport>(id, ct) is not { } import) return false;
        var errors = import.Status is ImportStatus.Completed or ImportStatus.Failed && import.Failed > 0
            ? await session.Query<ImportRowError>().Where(e => e.ImportId == id).OrderBy(e => e.Line).Take(ImportProgressView.ErrorsShown).ToListAsync(ct)
            : [];
        Progress = new ImportProgressView(import, errors);
        return true;
    }
}
