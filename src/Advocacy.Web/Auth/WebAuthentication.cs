using System.Security.Claims;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Advocacy.Web.Auth;

/// <summary>
/// Two ways in, one set of roles: <c>Authorization: Bearer</c> (and anything under /api) goes to the API-key
/// scheme, which answers 401/403 as ProblemDetails; the rest (the pages, /jobs) to a cookie that redirects to
/// /signin. The API never accepts the cookie, so it needs no CSRF defence; the pages' forms carry antiforgery tokens.
/// </summary>
public static class WebAuthentication
{
    public const string Scheme = "Advocacy";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static void AddAdvocacyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 || http.Request.Path.StartsWithSegments("/api")
                    ? ApiKeyAuthentication.SchemeName
                    : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "advocacy";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorization(Policies.Add);
    }

    public static ClaimsPrincipal PrincipalOf(User user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.Email),
        new Claim(ClaimTypes.GivenName, user.Name),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(StampClaim, Stamp(user)),
    ], CookieScheme));

    private const string StampClaim = "advocacy:stamp";

    // Changes with the password and the role: a reset password or a changed role ends the sessions already open.
    private static string Stamp(User user) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.PasswordHash + "|" + user.Role)))[..16];

    /// <summary>Each request re-reads the user (one load by id): a removed user, a new role or a new password signs the cookie out.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var session = context.HttpContext.RequestServices.GetRequiredService<Marten.IQuerySession>();
        var user = Guid.TryParse(id, out var userId) ? await session.LoadAsync<User>(userId, context.HttpContext.RequestAborted) : null;
        if (user is null || context.Principal!.FindFirstValue(StampClaim) != Stamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}

/// <summary>Hangfire's dashboard at /jobs: the endpoint already demands the Admin policy; this repeats it for Hangfire itself.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
