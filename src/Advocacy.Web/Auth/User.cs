using Microsoft.AspNetCore.Identity;

namespace Advocacy.Web.Auth;

/// <summary>
/// A person who signs in to the web app. Same roles as API keys, so the same policies govern both.
/// The email is stored lower-cased and is unique; only a PasswordHasher hash of the password is kept.
/// </summary>
public record User(Guid Id, string Email, string Name, string Role, string PasswordHash, DateTimeOffset CreatedAt)
{
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public string? CreatedBy { get; init; }

    /// <summary>The IANA zone the person reads and types times in (their browser's at first); null: not known yet, UTC.</summary>
    public string? TimeZone { get; init; }

    private static readonly PasswordHasher<User> Hasher = new();

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public static User Create(string email, string name, string role, string password, DateTimeOffset now) =>
        new User(Guid.CreateVersion7(), NormaliseEmail(email), name.Trim(), role, "", now).WithPassword(password);

    public User WithPassword(string password) =>
        this with { PasswordHash = Hasher.HashPassword(this, password), FailedAttempts = 0, LockedUntil = null };

    public PasswordVerificationResult Verify(string password) =>
        string.IsNullOrEmpty(PasswordHash) ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(this, PasswordHash, password);

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>Lockout after repeated failures (section <c>SignIn</c>: <c>MaxFailedAttempts</c>, <c>LockoutMinutes</c>).</summary>
public record LockoutOptions(int MaxFailedAttempts = 5, int LockoutMinutes = 15)
{
    public static LockoutOptions From(IConfiguration config) => new(
        config.GetValue("SignIn:MaxFailedAttempts", 5), config.GetValue("SignIn:LockoutMinutes", 15));
}
