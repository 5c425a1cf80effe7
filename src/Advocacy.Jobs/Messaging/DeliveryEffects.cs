using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Wolverine;

namespace Advocacy.Jobs.Messaging;

/// <summary>Carries out what delivery transitions returned, after their change is committed: the one place jobs do it.</summary>
public sealed class DeliveryEffects(IMessageBus bus)
{
    public async Task CarryOutAsync(IEnumerable<DeliveryEffect> effects, CancellationToken ct)
    {
        foreach (var message in DeliveryEffect.Messages(effects))
        {
            // Funnel touches queue up and coalesce; an opt-out or a dead number takes effect before the sender goes on.
            if (message is FunnelTouched) await bus.PublishAsync(message);
            else if (message is ChangeConsent consent) await bus.InvokeAsync<Domain.Common.Outcome>(consent, ct);
            else await bus.InvokeAsync(message, ct);
        }
    }
}
