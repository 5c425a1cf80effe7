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
            // Partial where the value is often absent: every delivery is updated twice as it goes out (claim, record),
            // and each update writes an entry in every index that covers the row.
            .Index(d => d.ProviderMessageId, i => i.Predicate = "(data ->> 'providerMessageId') is not null")
            .Index(d => d.UnsubscribeToken, i => i.Predicate = "(data ->> 'unsubscribeToken') is not null")
            .Index(d => d.Status)
            .Index(d => d.AlertId)
            .Index(d => d.LinkCode, i => i.Predicate = "(data ->> 'linkCode') is not null");
        opts.Schema.For<InboundMessage>().Index(m => m.AdvocateId).Index(m => m.From).Index(m => m.Intent);
        return opts;
    }
}
