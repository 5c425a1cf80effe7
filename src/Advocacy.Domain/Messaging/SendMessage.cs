using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Messaging;

/// <summary>One message to one advocate, now (or at the end of their quiet hours).</summary>
public record SendMessage(Guid AdvocateId, Channel? Channel, string Body, string? Subject)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    /// <summary>The caller's Idempotency-Key: the same key for the same advocate answers the same delivery.</summary>
    [JsonIgnore] public string? IdempotencyKey { get; init; }

    public const int MaxSmsLength = 1600;
    public const int MaxEmailLength = 100_000;

    public class Validator : AbstractValidator<SendMessage>
    {
        public Validator()
        {
            RuleFor(x => x.Channel).NotNull().IsInEnum().WithMessage("Channel is sms or email.");
            RuleFor(x => x.Body).NotEmpty().WithName("Message");
            RuleFor(x => x.Body).MaximumLength(MaxSmsLength).When(x => x.Channel == Advocates.Channel.Sms).WithName("Message");
            RuleFor(x => x.Body).MaximumLength(MaxEmailLength).WithName("Message");
            RuleFor(x => x.Subject).NotEmpty().MaximumLength(200).When(x => x.Channel == Advocates.Channel.Email)
                .WithMessage("An email needs a subject of at most 200 characters.");
        }
    }
}

/// <summary>Cascaded in the same transaction as the delivery (Wolverine's outbox), so a queued send is never lost.</summary>
public record DeliveryQueued(Guid DeliveryId, DateTimeOffset NotBefore);

public static class SendMessageHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(
        SendMessage cmd, IDocumentSession session, TimeProvider clock, MessagingSettings settings)
    {
        var none = new OutgoingMessages();
        var advocate = await session.LoadAsync<Advocate>(cmd.AdvocateId);
        if (advocate is null) return (Outcome.NotFound("Advocate", cmd.AdvocateId), none);
        if (AdvocateStream.StaleOrMerged(advocate, null) is { } merged) return (merged, none);

        var channel = cmd.Channel!.Value;
        if (DeliveryRules.NotAllowed(advocate, channel) is { } reason)
            return (Outcome.Conflict(advocate.Id, $"Cannot send {DeliveryRules.Name(channel)}", $"{advocate.Name}: {reason}.",
                new Dictionary<string, object?> { ["reason"] = reason }), none);

        var key = $"direct:{advocate.Id}:{cmd.IdempotencyKey ?? Guid.CreateVersion7().ToString()}";
        var existing = await session.Query<Delivery>().FirstOrDefaultAsync(d => d.IdempotencyKey == key);
        if (existing is not null) return (Outcome.Done(existing.Id), none);

        var delivery = Queue(advocate, channel, cmd.Body, cmd.Subject, DeliveryKinds.Direct, key, cmd.By.Name,
            clock.GetUtcNow(), settings.QuietHours);
        session.Insert(delivery);
        return (Outcome.Done(delivery.Id), [new DeliveryQueued(delivery.Id, delivery.NotBefore)]);
    }

    /// <summary>A queued delivery to this advocate, not before the end of their quiet hours.</summary>
    public static Delivery Queue(Advocate advocate, Channel channel, string body, string? subject, string kind,
        string idempotencyKey, string by, DateTimeOffset now, QuietHours quietHours)
    {
        var notBefore = DeliveryKinds.AnswersTheAdvocate(kind) ? now : quietHours.NextAllowed(now, TimeZones.Find(DeliveryRules.ZoneOf(advocate)));
        var delivery = new Delivery(Guid.CreateVersion7(), idempotencyKey, advocate.Id, channel,
            channel == Channel.Sms ? advocate.Phone : advocate.Email ?? "", body, subject, kind, advocate.Language,
            advocate.Country, by, now, notBefore)
        {
            UnsubscribeToken = channel == Channel.Email ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() : null,
        };
        return delivery.Step(DeliveryStatus.Queued, now, notBefore > now ? $"quiet hours: deferred to {notBefore:u}" : null);
    }
}
