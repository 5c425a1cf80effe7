using System.Net;
using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Alba;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Advocacy.Tests.Security;

/// <summary>One row of docs/authorization.md: an endpoint, how it is called, and the outcome per caller.</summary>
public record MatrixRow(string Method, string Route, string Credentials, string[] Outcomes)
{
    public string Key => $"{Method} {Route}";
}

/// <summary>
/// Reads and writes the authorization matrix, lists the endpoints the app maps, and calls them as each caller:
/// an API key per role for the API, a signed-in cookie per role for pages and /jobs.
/// </summary>
public static partial class AuthorizationMatrix
{
    public static readonly string[] Callers = ["Anonymous", Roles.Viewer, Roles.Coordinator, Roles.Organizer, Roles.Admin];
    public static string FilePath => Path.Combine(Advocacy.Web.Infrastructure.PrivatePostgres.RepositoryRoot(), "docs", "authorization.md");

    public static List<MatrixRow> Read() => File.ReadLines(FilePath)
        .Where(l => l.StartsWith("| ") && !l.StartsWith("| Method") && !l.StartsWith("|---"))
        .Select(l => l.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray())
        .Select(c => new MatrixRow(c[0], c[1], c[2], c[3..8]))
        .ToList();

    /// <summary>Every endpoint the app maps, as "METHOD /route" (pages as PAGE; endpoints with no method as ANY).</summary>
    public static SortedSet<string> MappedEndpoints(IAlbaHost host)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null || endpoint.Metadata.Any(m => m.GetType().Name == "PageRouteMetadata"))
            {
                keys.Add($"PAGE {route}");
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null or { Count: 0 }) keys.Add($"ANY {route}");
            else foreach (var m in methods) keys.Add($"{m} {route}");
        }
        return keys;
    }

    /// <summary>A concrete URL for a route: ids become an unknown guid, other values a harmless word.</summary>
    public static string SampleUrl(string route)
    {
        var url = RouteParameter().Replace(route, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            var n when n.EndsWith("id") => "0193a1b2-0000-7000-8000-000000000001",
            "number" => "1",
            "code" or "country" => "KE",
            "slug" => "no-such-form",
            "path" or "documentname" => "",
            _ => "x",
        });
        return url.Length > 1 ? url.TrimEnd('/') : url;
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>Credentials per caller: header name and value, or null for anonymous.</summary>
    public static async Task<Dictionary<string, (string Header, string Value)?>> CredentialsAsync(IAlbaHost host, string kind)
    {
        var result = new Dictionary<string, (string, string)?> { ["Anonymous"] = null };
        foreach (var role in Callers.Skip(1))
            result[role] = kind == "cookie"
                ? ("Cookie", $"advocacy={await SignedInCookieAsync(host, role)}")
                : ("Authorization", $"Bearer {(role == Roles.Admin ? HostFixture.AdminKey : await host.KeyFor(role))}");
        return result;
    }

    /// <summary>The cookie the sign-in page would issue to a stored user of this role (the app re-checks the user on each request).</summary>
    private static async Task<string> SignedInCookieAsync(IAlbaHost host, string role)
    {
        var user = User.Create($"{role.ToLowerInvariant()}@matrix.test", role, role, "matrix-password-0123", DateTimeOffset.UtcNow);
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(user);
            await session.SaveChangesAsync();
        }
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WebAuthentication.CookieScheme);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(WebAuthentication.PrincipalOf(user), WebAuthentication.CookieScheme));
    }

    /// <summary>What a caller gets, in the matrix's words: allow (neither 401 nor 403), 401, 403, signin or denied (page redirects).</summary>
    public static string Outcome(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "401",
            HttpStatusCode.Forbidden => "403",
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/signin", StringComparison.OrdinalIgnoreCase) => "signin",
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/denied", StringComparison.OrdinalIgnoreCase) => "denied",
            _ => "allow",
        };
    }

    public static MatrixRow Draft(string key)
    {
        var (method, route) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
        var credentials = method == "PAGE" || route.StartsWith("/jobs") ? "cookie" : route.StartsWith("/api") ? "key" : "none";
        return new MatrixRow(method, route, credentials, ["?", "?", "?", "?", "?"]);
    }

    public static HttpMethod MethodFor(string method) => method is "PAGE" or "ANY" ? HttpMethod.Get : new HttpMethod(method);
}
