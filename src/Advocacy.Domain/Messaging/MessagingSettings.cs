namespace Advocacy.Domain.Messaging;

/// <summary>
/// Messaging rules from configuration: quiet hours (<c>QuietHours:Start</c>/<c>QuietHours:End</c>, local
/// times), the senders whose provider already answers STOP/START/HELP (Twilio Advanced Opt-Out), and the
/// recovery timings (<c>Deliveries:Lease</c>, <c>Deliveries:RecoveryInterval</c>, <c>Deliveries:StatusReconcileAfter</c>).
/// </summary>
public record MessagingSettings(QuietHours QuietHours, IReadOnlySet<string> SendersAnsweringOptOutKeywords)
{
    public static readonly MessagingSettings Default = new(QuietHours.Default, new HashSet<string>());

    /// <summary>How long a claimed delivery belongs to its sender; past it, a dead sender's claim is reconciled with the provider.</summary>
    public TimeSpan Lease { get; init; } = DeliveryRules.Lease;

    /// <summary>How often the recovery sweep runs, and how long a queued delivery may wait before it counts as lost.</summary>
    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a delivery may stay "sent" before the provider is asked for its status (<c>Deliveries:StatusReconcileAfter</c>).</summary>
    public TimeSpan StatusReconcileAfter { get; init; } = StatusReconciliation.DefaultAfter;

    public bool AppAnswersOptOutKeywords(string? sender) =>
        sender is null || !SendersAnsweringOptOutKeywords.Contains(sender);
}
