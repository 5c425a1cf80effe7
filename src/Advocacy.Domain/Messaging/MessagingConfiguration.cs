using Marten;

namespace Advocacy.Domain.Messaging;

public static class MessagingConfiguration
{
    public static StoreOptions AddMessaging(this StoreOptions opts)
    {
        opts.Schema.For<Delivery>()
            .UseOptimisticConcurrency(true)
            // The idempotency key is unique in the database: a repeated request or a racing worker cannot add a twin.
            .UniqueIndex(d => d.IdempotencyKey)
            .Index(d => d.AdvocateId)
            .Index(d => d.ProviderMessageId)
            .Index(d => d.UnsubscribeToken)
            .Index(d => d.Status)
            .Index(d => d.AlertId)
            .Index(d => d.LinkCode);
        opts.Schema.For<InboundMessage>().Index(m => m.AdvocateId).Index(m => m.From);
        return opts;
    }
}
