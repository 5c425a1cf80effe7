using Advocacy.Domain.Advocates;
using Advocacy.Domain.Coalitions;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Coalitions;

/// <summary>
/// A coalition and its members (current first, then past, a page at a time). Coordinators add an advocate found by search
/// or an organisation by name, and end a membership (it stays in the history, with its dates).
/// </summary>
public class CoalitionModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public const int SearchResults = 10;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Organisation { get; set; }

    public Coalition Coalition { get; private set; } = null!;
    public IReadOnlyList<CoalitionMember> Members { get; private set; } = [];
    public int PageCount { get; private set; }
    public IReadOnlyList<Advocate> Found { get; private set; } = [];
    public bool CanManage { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        if (!string.IsNullOrWhiteSpace(Q) && CanManage)
        {
            var current = Coalition.Members.Where(m => m.IsCurrent && m.AdvocateId is not null).Select(m => m.AdvocateId!.Value).ToHashSet();
            Found = (await AdvocateSearch.Find(session, new AdvocateFilter(Q: Q.Trim()), 1, SearchResults + current.Count, ct)).Items
                .Where(a => !current.Contains(a.Id)).Take(SearchResults).ToList();
        }
        return Page();
    }

    public Task<IActionResult> OnPostJoinAsync(Guid advocateId, CancellationToken ct) =>
        Send(new JoinCoalition(advocateId, null, Today()) { CoalitionId = Id, By = User.ToActor() }, "Added.", nameof(Q), ct);

    public async Task<IActionResult> OnPostOrganisationAsync(CancellationToken ct)
    {
        // The command's rule names advocateId when both are empty; on this form only the organisation field is there.
        if (string.IsNullOrWhiteSpace(Organisation))
        {
            ModelState.AddModelError(nameof(Organisation), "Enter the organisation's name.");
            return await OnGetAsync(ct);
        }
        return await Send(new JoinCoalition(null, Organisation.Trim(), Today()) { CoalitionId = Id, By = User.ToActor() }, "Added.",
            nameof(Organisation), ct);
    }

    public Task<IActionResult> OnPostLeaveAsync(Guid memberId, CancellationToken ct) =>
        Send(new LeaveCoalition(Today()) { CoalitionId = Id, MemberId = memberId, By = User.ToActor() }, "Removed; the membership stays in the history.", "", ct);

    private async Task<IActionResult> Send(object command, string done, string problemField, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded) return Forbid();
        if (await this.SendAsync(bus, command, ct, problemField) is not null)
        {
            TempData["notice"] = done;
            return Redirect($"/coalitions/{Id}");
        }
        return await OnGetAsync(ct);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<bool> Load(CancellationToken ct)
    {
        if (await session.LoadAsync<Coalition>(Id, ct) is not { } coalition) return false;
        Coalition = coalition;
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded;
        Notice = TempData["notice"] as string;
        if (PageNumber < 1) PageNumber = 1;
        var ordered = coalition.Members.OrderByDescending(m => m.IsCurrent).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
        PageCount = (ordered.Count + PageSize - 1) / PageSize;
        Members = ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return true;
    }
}
