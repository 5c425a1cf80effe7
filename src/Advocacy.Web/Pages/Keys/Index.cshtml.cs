using Advocacy.Web.Auth;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages.Keys;

/// <summary>
/// Admins list, create and revoke API keys (the same documents as <c>/api/keys</c>). A new secret is rendered in the answer
/// to the post itself, never stored or redirected, so it is shown once. Revoking asks first on a page of its own (works without JS).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel(IDocumentSession session, TimeProvider clock, IValidator<CreateApiKey> validator) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; } = Roles.Viewer;
    [BindProperty(SupportsGet = true)] public Guid? Revoke { get; set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public ApiKey? ToRevoke { get; private set; }
    public (ApiKey Key, string Secret)? Created { get; private set; }
    public string? Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Revoked = TempData["revoked"] as string;
        Keys = await session.Query<ApiKey>().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        ToRevoke = Keys.FirstOrDefault(k => k.Id == Revoke && k.Active);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new CreateApiKey(Name?.Trim() ?? "", Role ?? "");
        foreach (var error in (await validator.ValidateAsync(request, ct)).Errors) ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        if (ModelState.IsValid)
        {
            var created = ApiKey.Create(request.Name, request.Role, User.ToActor().Name, clock.GetUtcNow());
            session.Store(created.Key);
            await session.SaveChangesAsync(ct);
            Created = created;
            ModelState.Clear();
            Name = null;
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<ApiKey>(id, ct) is not { } key) return NotFound();
        if (key.Active)
        {
            session.Store(key with { RevokedAt = clock.GetUtcNow() });
            await session.SaveChangesAsync(ct);
        }
        TempData["revoked"] = $"Revoked {key.Name}. Programs using it now get 401.";
        return Redirect("/keys");
    }
}
