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

    /// <summary>A new key and its secret; the API and the /keys page both create keys here.</summary>
    public static (ApiKey Key, string Secret) Create(string name, string role, string by, DateTimeOffset now)
    {
        var secret = NewSecret();
        return (new ApiKey(Guid.CreateVersion7(), name.Trim(), role, HashOf(secret), secret[..8], by, now), secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
