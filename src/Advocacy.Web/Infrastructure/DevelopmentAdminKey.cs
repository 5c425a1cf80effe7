using Advocacy.Web.Auth;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// On the private development database with no ADVOCACY_ADMIN_API_KEY set, makes up an Admin key once,
/// keeps it beside the cluster (an ignored folder) and prints it, so the first run can be explored at once.
/// </summary>
public static class DevelopmentAdminKey
{
    /// <param name="folder">Where the key is kept: the repository's .pgdata unless given.</param>
    public static void Ensure(ConfigurationManager config, Action<string> log, string? folder = null)
    {
        if (!string.IsNullOrEmpty(config[ApiKeyAuthentication.AdminKeySetting])) return;
        var file = Path.Combine(folder ?? Path.Combine(PrivatePostgres.RepositoryRoot(), ".pgdata"), "admin-api-key");
        SecretFile.WriteIfMissing(file, ApiKey.NewSecret);
        var key = File.ReadAllText(file).Trim();
        config[ApiKeyAuthentication.AdminKeySetting] = key;
        log($"Admin API key for this private setup (kept in {file}): {key}");
    }
}
