using Marten;

namespace Advocacy.Web.Auth;

/// <summary>
/// ADVOCACY_ADMIN_EMAIL and ADVOCACY_ADMIN_PASSWORD, when set, create that Admin at start-up, or reset its
/// password (and lockout) and role if it exists: the way back in for whoever runs the server.
/// </summary>
public static class AdminUser
{
    public const string EmailSetting = "ADVOCACY_ADMIN_EMAIL";
    public const string PasswordSetting = "ADVOCACY_ADMIN_PASSWORD";

    public static async Task EnsureAsync(IServiceProvider services, IConfiguration config, Action<string> log)
    {
        if (config[EmailSetting] is not { Length: > 0 } email || config[PasswordSetting] is not { Length: > 0 } password) return;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        var normalised = User.NormaliseEmail(email);
        var existing = await session.Query<User>().FirstOrDefaultAsync(u => u.Email == normalised);
        session.Store(existing is null
            ? User.Create(normalised, "Administrator", Roles.Admin, password, now)
            : existing.WithPassword(password) with { Role = Roles.Admin });
        await session.SaveChangesAsync();
        log(existing is null ? $"Created the Admin user {normalised}." : $"Reset the password of the Admin user {normalised}.");
    }
}
