namespace Advocacy.Domain.Messaging;

/// <summary>
/// Messaging rules from configuration: quiet hours (<c>QuietHours:Start</c>/<c>QuietHours:End</c>, local
/// times) and the senders whose provider already answers STOP/START/HELP (Twilio Advanced Opt-Out).
/// </summary>
public record MessagingSettings(QuietHours QuietHours, IReadOnlySet<string> SendersAnsweringOptOutKeywords)
{
    public static readonly MessagingSettings Default = new(QuietHours.Default, new HashSet<string>());

    public bool AppAnswersOptOutKeywords(string? sender) =>
        sender is null || !SendersAnsweringOptOutKeywords.Contains(sender);
}
