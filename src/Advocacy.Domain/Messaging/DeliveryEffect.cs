using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Common;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// What a delivery's change asks of the rest of the system. A transition returns these beside the new delivery; the
/// caller carries them out in one place, after the change is committed (Jobs: DeliveryEffects; status callbacks:
/// the handler's cascade), never from deep inside a send.
/// </summary>
public abstract record DeliveryEffect
{
    /// <summary>The alert's funnel counts changed.</summary>
    public sealed record FunnelChanged(Guid AlertId) : DeliveryEffect;

    /// <summary>The provider refused a number for good in a way that says something about the advocate (21610: opted out at the carrier).</summary>
    public sealed record ProviderRejected(RecordProviderRejection Rejection) : DeliveryEffect;

    /// <summary>The mail relay refused the mailbox itself: email to that contact stops.</summary>
    public sealed record EmailBounced(Guid AdvocateId) : DeliveryEffect;

    /// <summary>The messages that carry these effects out; one funnel touch per alert.</summary>
    public static IEnumerable<object> Messages(IEnumerable<DeliveryEffect> effects)
    {
        var touched = new HashSet<Guid>();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case FunnelChanged f when touched.Add(f.AlertId):
                    // Stamped with the real clock: the funnel's coalescing compares it with its own counts' start.
                    yield return FunnelTouched.Now(f.AlertId);
                    break;
                case ProviderRejected r:
                    yield return r.Rejection;
                    break;
                case EmailBounced b:
                    yield return new ChangeConsent(b.AdvocateId, ConsentChange.OptOut, Channel.Email, "hard-bounce", null)
                        { By = new Actor("email-provider", "System") };
                    break;
            }
        }
    }
}

/// <summary>A delivery after a transition, with the effects to carry out once it is stored.</summary>
public sealed record DeliveryChange(Delivery Delivery, IReadOnlyList<DeliveryEffect> Effects);
