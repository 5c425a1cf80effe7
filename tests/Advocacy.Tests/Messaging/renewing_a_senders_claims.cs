using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;

namespace Advocacy.Tests.Messaging;

/// <summary>
/// A live sender keeps its claims: the lease is short so a dead node's deliveries come back soon, and renewed while
/// the sender waits on a slow provider, so the recovery sweep never takes a live claim for a dead one.
/// </summary>
public class renewing_a_senders_claims(MessagingFixture fixture) : MessagingTest(fixture)
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task a_claim_is_renewed_while_its_sender_holds_it_and_left_to_run_out_once_it_lets_go()
    {
        var claimed = await Claimed();
        await using var sender = Store.LightweightSession();
        var asTheSenderReadIt = (await sender.LoadAsync<Delivery>(claimed.Id))!;
        await using (Leases().Hold([claimed.Id]))
            await WaitFor.Condition(async () => (await Load(claimed.Id)).LeaseUntil > claimed.LeaseUntil + ShortLease, TimeSpan.FromSeconds(20),
                () => $"The lease was never renewed past {claimed.LeaseUntil:O}");

        var renewed = await Load(claimed.Id);
        renewed.Status.ShouldBe(DeliveryStatus.Sending);
        await WaitFor.Still(async () => (await Load(claimed.Id)).LeaseUntil == renewed.LeaseUntil, ShortLease,
            () => "The lease was renewed after the sender let go");

        // The sender records the outcome on what it read before the renewals: a renewal never makes that conflict.
        sender.Store(asTheSenderReadIt.Step(DeliveryStatus.Sent, Fixture.Clock.GetUtcNow()) with { LeaseUntil = null, ProviderMessageId = "SM1" });
        await sender.SaveChangesAsync();
        (await Load(claimed.Id)).Status.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task a_delivery_recorded_while_held_is_never_touched_again()
    {
        var claimed = await Claimed();
        await using (Leases().Hold([claimed.Id]))
        {
            await using (var session = Store.LightweightSession())
            {
                var current = (await session.LoadAsync<Delivery>(claimed.Id))!;
                session.Store(current.Step(DeliveryStatus.Sent, Fixture.Clock.GetUtcNow()) with { LeaseUntil = null, ProviderMessageId = "SM1" });
                await session.SaveChangesAsync();
            }
            await WaitFor.Still(async () => (await Load(claimed.Id)) is { Status: DeliveryStatus.Sent, LeaseUntil: null }, ShortLease * 2,
                () => "A recorded delivery got a lease again");
        }
    }

    private IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private LeaseRenewal Leases() => new(Store, Host.Services.GetRequiredService<MessagingSettings>() with { Lease = ShortLease },
        Fixture.Clock, NullLogger<LeaseRenewal>.Instance);

    private async Task<Delivery> Claimed()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var now = Fixture.Clock.GetUtcNow();
        await using (var session = Store.LightweightSession())
        {
            var stored = (await session.LoadAsync<Advocate>(advocate.Id))!;
            var queued = SendMessageHandler.Queue(stored, Channel.Sms, "Hello", null, DeliveryKinds.Direct, $"test:{Guid.NewGuid()}", "test", now,
                QuietHours.Parse("00:00", "00:00"));
            session.Insert(queued.Step(DeliveryStatus.Sending, now) with { ClaimedAt = now, LeaseUntil = now + ShortLease, Attempts = 1, Provider = "twilio" });
            await session.SaveChangesAsync();
            return await Load(queued.Id);
        }
    }

    private async Task<Delivery> Load(Guid id)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<Delivery>(id))!;
    }
}
