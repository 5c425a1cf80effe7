using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Trainings;

/// <summary>
/// Reacts to a certification with a welcome on every channel the advocate consented to, in their language.
/// It queues ordinary deliveries, so the sender applies consent (again) and quiet hours; the idempotency key
/// (advocate, track, channel) is unique in the database, so a redelivered message never sends twice.
/// </summary>
public static class AdvocateCertifiedHandler
{
    public static async Task<OutgoingMessages> Handle(AdvocateCertified e, IDocumentSession session, TimeProvider clock, MessagingSettings settings)
    {
        var queued = new OutgoingMessages();
        var advocate = await session.LoadAsync<Advocate>(e.AdvocateId);
        if (advocate is null || advocate.Status != AdvocateStatus.Active) return queued;
        foreach (var channel in new[] { Channel.Sms, Channel.Email })
        {
            if (DeliveryRules.NotAllowed(advocate, channel) is not null) continue;
            var key = $"certified:{advocate.Id}:{e.TrackId}:{channel.ToString().ToLowerInvariant()}";
            if (await session.Query<Delivery>().AnyAsync(d => d.IdempotencyKey == key)) continue;
            var (subject, body) = WelcomeTexts.For(advocate.Language, advocate.Name, e.TrackName);
            var delivery = SendMessageHandler.Queue(advocate, channel, body, channel == Channel.Email ? subject : null,
                DeliveryKinds.Certification, key, "certification", clock.GetUtcNow(), settings.QuietHours);
            session.Insert(delivery);
            queued.Add(new DeliveryQueued(delivery.Id, delivery.NotBefore));
        }
        return queued;
    }
}

/// <summary>The certification welcome per language (en, fr, pt; English otherwise), short enough for one or two SMS.</summary>
public static class WelcomeTexts
{
    public static (string Subject, string Body) For(string language, string name, string track)
    {
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
        return language.Split('-')[0].ToLowerInvariant() switch
        {
            "fr" => ("Vous êtes désormais CHW Advocate certifié(e)",
                $"Félicitations {first} ! Vous êtes désormais CHW Advocate certifié(e) ({track}). Merci de défendre les agents de santé communautaire. STOP pour vous désinscrire."),
            "pt" => ("Agora é CHW Advocate certificado/a",
                $"Parabéns {first}! Agora é CHW Advocate certificado/a ({track}). Obrigado por defender os agentes comunitários de saúde. PARAR para sair."),
            _ => ("You are now a certified CHW Advocate",
                $"Congratulations {first}! You are now a certified CHW Advocate ({track}). Thank you for standing up for community health workers. Reply STOP to stop."),
        };
    }
}
