using Advocacy.Domain.Coalitions;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Coalitions;

/// <summary>Coalitions and associations by country, a page at a time, and the form that adds one for Coordinators.</summary>
public class IndexModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public CoalitionKind? Kind { get; set; } = CoalitionKind.NgoCoalition;
    [BindProperty] public string? FocalPoint { get; set; }
    [BindProperty] public string? FocalPointEmail { get; set; }

    public IReadOnlyList<Coalition> Coalitions { get; private set; } = [];
    public long Total { get; private set; }
    public int PageCount => (int)((Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PageNumber < 1) PageNumber = 1;
        Coalitions = await session.Query<Coalition>().OrderBy(c => c.Country).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Total = await session.Query<Coalition>().LongCountAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded) return Forbid();
        var command = new FormCoalition(Name?.Trim(), Country?.Trim().ToUpperInvariant(), Kind, FocalPoint?.Trim(),
            string.IsNullOrWhiteSpace(FocalPointEmail) ? null : FocalPointEmail.Trim()) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct, problemField: nameof(Name)) is { } outcome) return Redirect($"/coalitions/{outcome.Id}");
        await OnGetAsync(ct);
        return Page();
    }

    public static string KindName(CoalitionKind kind) => kind == CoalitionKind.ChwAssociation ? "CHW association" : "NGO coalition";
}
