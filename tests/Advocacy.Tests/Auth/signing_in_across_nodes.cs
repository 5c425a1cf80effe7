using Marten;
using Microsoft.AspNetCore.DataProtection;

namespace Advocacy.Tests.Auth;

/// <summary>Behind a load balancer the next request may reach another node: it must read the cookie the first one issued.</summary>
public class signing_in_across_nodes(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_cookie_protected_by_one_node_is_read_by_another()
    {
        await using var second = await App.StartHostAsync();
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        // The new node issues (the older one's ring was loaded before this test's reset); the older one finds the key
        // in the database when it meets a key it does not know.
        var issued = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("ada@example.org");

        Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(issued).ShouldBe("ada@example.org");

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Advocacy.Web.Auth.DataProtectionKey>().CountAsync()).ShouldBeGreaterThan(0);
    }
}
