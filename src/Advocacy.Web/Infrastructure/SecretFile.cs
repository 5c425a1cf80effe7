namespace Advocacy.Web.Infrastructure;

/// <summary>A secret kept in a file for the private setup (the demo password, the Admin key): readable by its owner only.</summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the file with mode 600 from the start (never briefly world-readable); an older file is narrowed to 600.</summary>
    public static void WriteIfMissing(string path, Func<string> contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using var writer = new StreamWriter(path, options);
            writer.Write(contents());
        }
        else if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != OwnerOnly)
            File.SetUnixFileMode(path, OwnerOnly);
    }
}
