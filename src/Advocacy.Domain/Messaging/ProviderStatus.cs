namespace Advocacy.Domain.Messaging;

/// <summary>
/// Applies a provider's status callback. Callbacks come 1-3 times per message, repeated and out of
/// order; a status only ever moves a delivery forward ("delivered" is never overwritten by a late "sent").
/// </summary>
public static class ProviderStatus
{
    private static int Rank(string? status) => status?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "delivered" or "undelivered" or "failed" or "canceled" => 4,
        "read" => 5,
        _ => 0,
    };

    public static bool IsKnown(string? status) => Rank(status) > 0;

    /// <summary>The delivery after the callback, or null when the callback changes nothing (repeat, late, unknown).</summary>
    public static Delivery? Apply(Delivery delivery, string status, int? errorCode, DateTimeOffset at)
    {
        var rank = Rank(status);
        if (rank == 0 || rank <= Rank(delivery.ProviderStatus)) return null;
        var next = delivery with { ProviderStatus = status.ToLowerInvariant() };
        return rank switch
        {
            3 => next.Step(DeliveryStatus.Sent, at, "provider: sent"),
            4 when status.Equals("delivered", StringComparison.OrdinalIgnoreCase) => next.Step(DeliveryStatus.Delivered, at, "provider: delivered"),
            4 => (next with { ErrorCode = errorCode ?? next.ErrorCode, Retryable = false })
                .Step(DeliveryStatus.Failed, at, $"provider: {status}{(errorCode is null ? "" : $" ({errorCode})")}"),
            5 => next.Step(DeliveryStatus.Delivered, at, "provider: read"),
            _ => next with { History = [.. next.History, new DeliveryStep(next.Status, at, $"provider: {status}")] },
        };
    }
}
