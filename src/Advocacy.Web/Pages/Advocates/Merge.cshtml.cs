using Advocacy.Domain.Advocates;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>Confirms folding a duplicate into a survivor (<see cref="MergeAdvocates"/>: the API's rule and command).</summary>
[Authorize(Policy = Policies.ManageAdvocates)]
public class MergeModel(IQuerySession session, IMessageBus bus) : PageModel
{
    [BindProperty] public long Version { get; set; }

    public Advocate Survivor { get; private set; } = null!;
    public Advocate Duplicate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid duplicateId, CancellationToken ct)
    {
        if (!await LoadAsync(id, duplicateId, ct)) return NotFound();
        Version = Survivor.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid duplicateId, CancellationToken ct)
    {
        if (!await LoadAsync(id, duplicateId, ct)) return NotFound();
        if (await this.SendAsync(bus, new MergeAdvocates(id, duplicateId, Version) { By = User.ToActor() }, ct) is null) return Page();
        TempData["Notice"] = $"{Duplicate.Name} ({Duplicate.Phone}) was merged into this record.";
        return Redirect($"/advocates/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid duplicateId, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } survivor) return false;
        if (await session.LoadAsync<Advocate>(duplicateId, ct) is not { } duplicate) return false;
        (Survivor, Duplicate) = (survivor, duplicate);
        return true;
    }
}
