using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Advocacy.Web.Auth;

/// <summary>One Data Protection key, as the key manager writes it (XML), kept in PostgreSQL.</summary>
public record DataProtectionKey(string Id, string Xml);

/// <summary>
/// Sign-in cookies and antiforgery tokens are encrypted with Data Protection keys. Each node would otherwise make its
/// own key ring in its home folder, and a cookie issued by one node would be refused by the next one behind the load
/// balancer; in the database every node shares one ring. Whoever can read the database can read the keys, as with
/// every other secret there.
/// </summary>
public sealed class MartenXmlRepository(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        // IXmlRepository is synchronous; it is read when the key ring loads (at start, then once a day) and written
        // when a key is made (every 90 days).
        var keys = session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult();
        return keys.Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}

public static class SharedDataProtection
{
    public const string ApplicationName = "Advocacy";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new MartenXmlRepository(sp.GetRequiredService<IDocumentStore>())));
        return services;
    }
}
