namespace Advocacy.Jobs.Messaging;

/// <summary>An SMS the development recorder "sent" (Direction out) or an answer typed as the advocate (in).</summary>
public record RecordedSms(string Id, Guid? DeliveryId, string Direction, string Phone, string Body, DateTimeOffset At);
