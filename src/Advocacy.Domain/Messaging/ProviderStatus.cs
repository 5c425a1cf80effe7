namespace Advocacy.Domain.Messaging;

/// <summary>The order of a provider's message statuses; <see cref="Delivery.OnProviderStatus"/> only moves forward in it.</summary>
public static class ProviderStatus
{
    public static int Rank(string? status) => status?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "delivered" or "undelivered" or "failed" or "canceled" => 4,
        "read" => 5,
        _ => 0,
    };

    public static bool IsKnown(string? status) => Rank(status) > 0;
}
