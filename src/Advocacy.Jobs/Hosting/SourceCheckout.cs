namespace Advocacy.Jobs.Hosting;

/// <summary>
/// Where the repository is when the app runs from a checkout: `dotnet run --project src/Advocacy.Web` runs in the
/// project's folder, yet the README promises files (.pgdata, .data/mail) at the repository root.
/// </summary>
public static class SourceCheckout
{
    /// <summary>The folder holding Advocacy.sln above the working or app folder; else (a published app) the working folder.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Advocacy.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
