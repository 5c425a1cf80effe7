using Advocacy.Jobs.Messaging;
using Marten;

namespace Advocacy.Jobs.Sms;

/// <summary>
/// The SMS provider when no Twilio account is configured: records each message in the database, where a
/// person reads it on the development SMS page and can answer as the advocate.
/// </summary>
public sealed class RecorderSmsProvider(IDocumentStore store, TimeProvider clock) : ISmsProvider
{
    public const string ProviderName = "recorder";

    public string Name => ProviderName;

    public async Task<SmsResult> SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        // Keyed by delivery: a retried send overwrites its own record instead of adding a second message.
        var id = $"RE{sms.DeliveryId:N}";
        await using var session = store.LightweightSession();
        session.Store(new RecordedSms(id, sms.DeliveryId, "out", sms.To, sms.Body, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return SmsResult.Accepted(id);
    }

    public async Task<IReadOnlyList<ProviderMessage>> FindSentAsync(string to, DateTimeOffset since, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var sent = await session.Query<RecordedSms>()
            .Where(m => m.Phone == to && m.Direction == "out" && m.At >= since).ToListAsync(ct);
        return sent.Select(m => new ProviderMessage(m.Id, m.Phone, m.Body, m.At, "delivered")).ToList();
    }
}
