using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>A provider refused an SMS for good; some refusals say something about the advocate.</summary>
public record RecordProviderRejection(Guid AdvocateId, string Phone, int? ErrorCode, string? Message, Guid DeliveryId);

public static class RecordProviderRejectionHandler
{
    /// <summary>Twilio: the recipient unsubscribed at the carrier (replied STOP to the sender).</summary>
    public const int UnsubscribedRecipient = 21610;
    /// <summary>Twilio: invalid 'To' number; 'To' is not a mobile number; landline or unreachable carrier.</summary>
    public static readonly int[] Undeliverable = [21211, 21614, 30006];

    public static bool SaysSomethingAboutTheAdvocate(int? code) =>
        code == UnsubscribedRecipient || (code is { } c && Undeliverable.Contains(c));

    public static object[] Decide(Advocate advocate, RecordProviderRejection r, DateTimeOffset now)
    {
        if (r.ErrorCode == UnsubscribedRecipient && advocate.SmsConsent.Status != ConsentStatus.OptedOut)
            return [new OptedOut(advocate.Id, Channel.Sms, "carrier", "provider", now,
                new ConsentEvidence(null, r.Message, null, advocate.Language))];
        if (r.ErrorCode is { } code && Undeliverable.Contains(code) && !advocate.PhoneUndeliverable && advocate.Phone == r.Phone)
            return [new PhoneMarkedUndeliverable(advocate.Id, r.Phone, code, r.Message ?? "undeliverable", "provider", now)];
        return [];
    }

    public static async Task Handle(RecordProviderRejection r, IDocumentSession session, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<Advocate>(r.AdvocateId);
        if (stream.Aggregate is { } advocate) stream.AppendMany(Decide(advocate, r, clock.GetUtcNow()));
    }
}
