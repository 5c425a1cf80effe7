namespace Advocacy.Jobs.Email;

/// <summary>
/// Configuration section "Smtp". <c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:Username</c>,
/// <c>Smtp:Password</c> and <c>Smtp:From</c> are a public contract (deployment settings use them).
/// With no host, email goes to <see cref="PickupDirectory"/> as .eml files instead.
/// </summary>
public sealed record SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "Advocacy <advocacy@localhost>";
    public SmtpTls UseTls { get; init; } = SmtpTls.Auto;
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>The relay's allowed rate, shared by every send in the process (0: as fast as the relay takes them).</summary>
    public double MessagesPerSecond { get; init; }

    // Relative paths resolve against the repository root when run from a checkout (else the working folder), so
    // `dotnet run --project src/Advocacy.Web` writes where the README says: .data/mail at the root.
    public string PickupDirectory { get; init; } = Path.Combine(".data", "mail");

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public string PickupDirectoryFullPath => Path.GetFullPath(PickupDirectory, Hosting.SourceCheckout.Root());
}

/// <summary>Bound from "auto", "none", "starttls" or "ssl" (case-insensitive).</summary>
public enum SmtpTls
{
    /// <summary>STARTTLS when the server offers it (TLS on connect for port 465).</summary>
    Auto,
    None,
    StartTls,
    Ssl,
}
