using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;

namespace Advocacy.Tests.Auth;

/// <summary>The private setup's demo password and Admin key are kept in files only their owner can read.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class keeping_development_secrets : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "advocacy-secrets-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void the_admin_credentials_and_key_are_written_with_mode_600()
    {
        var config = new ConfigurationManager();
        DevelopmentAdminUser.Ensure(config, _ => { }, _folder);
        DevelopmentAdminKey.Ensure(config, _ => { }, _folder);

        File.GetUnixFileMode(Path.Combine(_folder, "admin-credentials")).ShouldBe(OwnerOnly);
        File.GetUnixFileMode(Path.Combine(_folder, "admin-api-key")).ShouldBe(OwnerOnly);
        config[AdminUser.EmailSetting].ShouldBe(DevelopmentAdminUser.DemoEmail);
        config[ApiKeyAuthentication.AdminKeySetting].ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void a_key_file_left_readable_by_an_older_version_is_narrowed_and_kept()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "admin-api-key");
        File.WriteAllText(file, "an-older-key-0123456789");
        File.SetUnixFileMode(file, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var config = new ConfigurationManager();
        DevelopmentAdminKey.Ensure(config, _ => { }, _folder);

        File.GetUnixFileMode(file).ShouldBe(OwnerOnly);
        config[ApiKeyAuthentication.AdminKeySetting].ShouldBe("an-older-key-0123456789");
    }
}
