using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Web.Auth;

/// <summary>An API key. Only its SHA-256 hash is stored; the key itself is shown once, when created.</summary>
public record ApiKey(Guid Id, string Name, string Role, string Hash, string Prefix, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null)
{
    public bool Active => RevokedAt is null;

    public static string NewSecret() => "adv_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30))
        .Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
