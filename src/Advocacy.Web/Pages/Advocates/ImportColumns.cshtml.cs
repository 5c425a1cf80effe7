using Advocacy.Domain.Imports;
using Advocacy.Web.Auth;
using Advocacy.Web.Imports;
using Hangfire;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>The uploaded file's columns with the guessed field of each; the uploader may change them, then starts the import.</summary>
[Authorize(Policy = Policies.ManageAdvocates)]
public class ImportColumnsModel(IDocumentStore store, IQuerySession session, IBackgroundJobClient jobs, TimeProvider clock) : PageModel
{
    /// <summary>The field of each column, by position ("" ignores it).</summary>
    [BindProperty] public List<string?> Columns { get; set; } = [];

    public PendingImport Upload { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<PendingImport>(id, ct) is not { } upload) return NotFound();
        Upload = upload;
        var (columns, errors) = ImportMapping.Resolve(upload.Headers, null);
        Columns = [.. columns];
        Report(errors);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<PendingImport>(id, ct) is not { } upload) return NotFound();
        Upload = upload;
        // Every column is given, so the guess never overrides the uploader's choice.
        var given = upload.Headers.Select((h, i) => (h, f: Columns.ElementAtOrDefault(i) ?? ""))
            .DistinctBy(x => x.h, StringComparer.OrdinalIgnoreCase).ToDictionary(x => x.h, x => (string?)x.f);
        var (columns, errors) = ImportMapping.Resolve(upload.Headers, given);
        if (errors.Count > 0)
        {
            Report(errors);
            return Page();
        }
        await ImportUploads.QueueAsync(store, jobs, upload, columns, clock.GetUtcNow(), ct);
        return Redirect($"/advocates/import/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        await ImportFiles.DeleteAsync(store, id, ct);
        await using var write = store.LightweightSession();
        write.Delete<PendingImport>(id);
        await write.SaveChangesAsync(ct);
        return Redirect("/advocates/import");
    }

    private void Report(Dictionary<string, string[]> errors)
    {
        foreach (var message in errors.Values.SelectMany(m => m)) ModelState.AddModelError("", message);
    }
}
