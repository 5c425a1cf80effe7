using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Marten;

namespace Advocacy.Domain.Alerts;

/// <summary>A recipient opened their tracked link: that is the action the alert asked for, recorded once.</summary>
public record RecordLinkClick(string Code);

/// <summary>Where to send the browser, or null for an unknown code.</summary>
public record LinkTarget(string? Url);

public static class RecordLinkClickHandler
{
    public static async Task<LinkTarget> Handle(RecordLinkClick click, IDocumentSession session, TimeProvider clock, Wolverine.IMessageContext bus)
    {
        if (!LinkCodes.LooksValid(click.Code)) return new LinkTarget(null);
        var delivery = await session.Query<Delivery>().FirstOrDefaultAsync(d => d.LinkCode == click.Code);
        if (delivery is not { AlertId: { } alertId, AdvocateId: { } advocateId }) return new LinkTarget(null);
        var alert = await session.LoadAsync<Alert>(alertId);
        if (alert?.Link is null) return new LinkTarget(null);

        var clicked = await session.Events.QueryRawEventDataOnly<ActionTaken>()
            .AnyAsync(e => e.AdvocateId == advocateId && e.AlertId == alertId && e.How == "link");
        if (!clicked)
        {
            session.Events.Append(advocateId, new ActionTaken(advocateId, alert.CampaignId, alertId, "link", null, "advocate", clock.GetUtcNow()));
            await AlertAnswer.RecordAsync(session, alertId, advocateId, acted: true);
            await bus.PublishAsync(FunnelTouched.Now(alertId));
        }
        return new LinkTarget(alert.Link);
    }
}
