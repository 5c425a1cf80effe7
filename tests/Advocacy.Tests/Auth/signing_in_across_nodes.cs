using Marten;
using Microsoft.AspNetCore.DataProtection;

namespace Advocacy.Tests.Auth;

/// <summary>Behind a load balancer the next request may reach another node: it must read the cookie the first one issued.</summary>
public class signing_in_across_nodes(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_cookie_protected_by_one_node_is_read_by_another()
    {
        // Two nodes started for this test: the collection's host loaded its key ring before this test's reset emptied the
        // database, and ASP.NET Core re-reads a ring for an unknown key only in a node's first two minutes (wall clock).
        await using var second = await App.StartHostAsync();
        await using var third = await App.StartHostAsync();
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        var issued = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("ada@example.org");

        third.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(issued).ShouldBe("ada@example.org");

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Advocacy.Web.Auth.DataProtectionKey>().CountAsync()).ShouldBeGreaterThan(0);
    }
}
