using System.Security.Cryptography;
using Advocacy.Web.Auth;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// On the private development database with no ADVOCACY_ADMIN_EMAIL/PASSWORD set, makes up demo Admin credentials
/// once, keeps them beside the cluster (next to the admin key) and prints them on every run.
/// </summary>
public static class DevelopmentAdminUser
{
    public const string DemoEmail = "admin@advocacy.local";

    /// <param name="folder">Where the credentials are kept: the repository's .pgdata unless given.</param>
    public static void Ensure(ConfigurationManager config, Action<string> log, string? folder = null)
    {
        if (!string.IsNullOrEmpty(config[AdminUser.EmailSetting]) || !string.IsNullOrEmpty(config[AdminUser.PasswordSetting])) return;
        var file = Path.Combine(folder ?? Path.Combine(PrivatePostgres.RepositoryRoot(), ".pgdata"), "admin-credentials");
        SecretFile.WriteIfMissing(file, () =>
            $"{DemoEmail}\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_')}\n");
        var lines = File.ReadAllLines(file);
        config[AdminUser.EmailSetting] = lines[0].Trim();
        config[AdminUser.PasswordSetting] = lines[1].Trim();
        log($"Demo sign-in for this private setup (kept in {file}): {lines[0].Trim()} / {lines[1].Trim()}");
    }
}
