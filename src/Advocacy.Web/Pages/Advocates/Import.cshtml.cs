using Advocacy.Domain.Imports;
using Advocacy.Web.Auth;
using Advocacy.Web.Imports;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>
/// Upload a CSV of advocates (the API's rules: <see cref="ImportUploads"/>), then check its columns on the next page.
/// Also lists recent imports.
/// </summary>
[Authorize(Policy = Policies.ManageAdvocates)]
[RequestSizeLimit(ImportFiles.MaxBytes + (1 << 20)), RequestFormLimits(MultipartBodyLengthLimit = ImportFiles.MaxBytes + (1 << 20))]
public class ImportModel(IDocumentStore store, IQuerySession session, TimeProvider clock) : PageModel
{
    public const int PageSize = 10;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AdvocateImport> Recent { get; private set; } = [];
    public int PageCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PageNumber < 1) PageNumber = 1;
        var total = await session.Query<AdvocateImport>().CountAsync(ct);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        Recent = await session.Query<AdvocateImport>().OrderByDescending(i => i.QueuedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file.");
            await OnGetAsync(ct);
            return Page();
        }
        var (pending, error) = await ImportUploads.StoreAsync(store, Upload, User.ToActor().Name, clock.GetUtcNow(), ct);
        if (pending is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            await OnGetAsync(ct);
            return Page();
        }
        await using (var write = store.LightweightSession())
        {
            write.Store(pending);
            await write.SaveChangesAsync(ct);
        }
        return Redirect($"/advocates/import/{pending.Id}/columns");
    }
}
