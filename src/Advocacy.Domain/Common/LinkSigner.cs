using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Advocacy.Domain.Common;

/// <summary>The key behind signed links when <c>Advocacy:SigningKey</c> is not configured: generated once, shared by every node.</summary>
public record SigningSecret(string Id, string Key);

/// <summary><c>Advocacy:SigningKey</c> (null: a key generated and kept in the database).</summary>
public record SigningKeySetting(string? Key);

public enum TokenState { Valid, Expired, Invalid }

public record VerifiedToken(TokenState State, string? Payload);

/// <summary>
/// Signs and checks the links we mail or hand out (download links, double opt-in confirmations):
/// <c>payload.expiry.hmac</c>, base64url, HMAC-SHA256 over purpose, payload and expiry. The key comes from
/// configuration, or is generated on first use and kept in the database (nodes share only the database).
/// </summary>
public sealed class LinkSigner(IDocumentStore store, SigningKeySetting setting)
{
    private const string SecretId = "links";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key = string.IsNullOrWhiteSpace(setting.Key) ? null : Encoding.UTF8.GetBytes(setting.Key);

    public async Task<string> SignAsync(string purpose, string payload, DateTimeOffset expires, CancellationToken ct = default)
    {
        var body = $"{Encode(Encoding.UTF8.GetBytes(payload))}.{expires.ToUnixTimeSeconds()}";
        return $"{body}.{Encode(Mac(await KeyAsync(ct), purpose, body))}";
    }

    public async Task<VerifiedToken> VerifyAsync(string purpose, string token, DateTimeOffset now, CancellationToken ct = default)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || token.Length > 1024 || !long.TryParse(parts[1], out var expiry)) return new(TokenState.Invalid, null);
        byte[] given, payload;
        try { given = Decode(parts[2]); payload = Decode(parts[0]); }
        catch (FormatException) { return new(TokenState.Invalid, null); }
        var expected = Mac(await KeyAsync(ct), purpose, $"{parts[0]}.{parts[1]}");
        if (!CryptographicOperations.FixedTimeEquals(given, expected)) return new(TokenState.Invalid, null);
        var text = Encoding.UTF8.GetString(payload);
        return DateTimeOffset.FromUnixTimeSeconds(expiry) <= now ? new(TokenState.Expired, text) : new(TokenState.Valid, text);
    }

    /// <summary>A short, keyed, one-way hash (an IP address for the consent ledger: enough to match, not to read).</summary>
    public async Task<string> HashAsync(string value, CancellationToken ct = default) =>
        Convert.ToHexString(Mac(await KeyAsync(ct), "hash", value)).ToLowerInvariant()[..16];

    private static byte[] Mac(byte[] key, string purpose, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{body}"))[..20];

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } key) return key;
        await _gate.WaitAsync(ct);
        try
        {
            if (_key is { } again) return again;
            await using (var session = store.LightweightSession())
            {
                if (await session.LoadAsync<SigningSecret>(SecretId, ct) is { } stored) return _key = Convert.FromBase64String(stored.Key);
                session.Insert(new SigningSecret(SecretId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                try { await session.SaveChangesAsync(ct); }
                catch (Exception) { /* another node generated it first: read theirs below */ }
            }
            await using var query = store.QuerySession();
            var secret = await query.LoadAsync<SigningSecret>(SecretId, ct) ?? throw new InvalidOperationException("No signing key.");
            return _key = Convert.FromBase64String(secret.Key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
