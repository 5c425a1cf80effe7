using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>An SMS from an advocate, as a provider's webhook (or the development page) delivered it.</summary>
/// <summary><paramref name="Via"/>: the Messaging Service the message came through, when there is one.</summary>
public record ReceiveSms(string MessageSid, string From, string To, string Body, string Provider, string? Via = null)
{
    public class Validator : AbstractValidator<ReceiveSms>
    {
        public Validator()
        {
            RuleFor(x => x.MessageSid).MaximumLength(InboundLimits.Sid);
            RuleFor(x => x.From).MaximumLength(InboundLimits.Address);
            RuleFor(x => x.To).MaximumLength(InboundLimits.Address);
            RuleFor(x => x.Body).MaximumLength(InboundLimits.Body)
                .WithMessage($"An SMS is at most {InboundLimits.Body} characters; this one has {{TotalLength}}.");
            RuleFor(x => x.Provider).MaximumLength(InboundLimits.Provider);
            RuleFor(x => x.Via).MaximumLength(InboundLimits.Sid);
        }
    }
}

/// <summary>What to answer, if anything (rendered as TwiML for Twilio, recorded for the development page).</summary>
public record InboundReply(string? Text, string? Language, bool Replayed = false)
{
    public static readonly InboundReply Replay = new(null, null, true);
}

/// <summary>What the handler looked up for attribution: live campaign keywords and the alerts the advocate recently got.</summary>
public record InboundContext(IReadOnlyDictionary<string, Guid> CampaignKeywords, IReadOnlyList<RecentAlert> RecentAlerts)
{
    public static readonly InboundContext None = new(new Dictionary<string, Guid>(), []);

    /// <summary>The most recent alert the advocate received, of one campaign or of any.</summary>
    public RecentAlert? Latest(Guid? campaignId = null) =>
        RecentAlerts.Where(a => campaignId is null || a.CampaignId == campaignId).MaxBy(a => a.SentAt);
}

public record RecentAlert(Guid AlertId, Guid CampaignId, DateTimeOffset SentAt);

/// <summary>The events an inbound SMS causes, on which stream, and the reply due.</summary>
public record InboundDecision(Guid? StreamId, object[] Events, bool StartsStream, ReplyKind? Reply, string Language, string? Name);

public static class ReceiveSmsHandler
{
    public static InboundDecision Decide(Advocate? advocate, ReceiveSms m, string from, DateTimeOffset now, bool answersOptOut,
        InboundContext? context = null)
    {
        context ??= InboundContext.None;
        var intent = Keywords.Parse(m.Body);
        // A campaign's own keyword (e.g. PAY) is a DONE for that campaign.
        Guid? keywordCampaign = null;
        if (intent.Kind == KeywordKind.Other)
            foreach (var (keyword, campaignId) in context.CampaignKeywords)
                if (Keywords.Parse(m.Body, keyword).Kind == KeywordKind.Done)
                {
                    intent = intent with { Kind = KeywordKind.Done };
                    keywordCampaign = campaignId;
                    break;
                }
        var attributed = context.Latest(keywordCampaign);
        var language = advocate?.Language ?? CountryLanguages.For(PhoneRegions.CountryOf(from));
        var evidence = new ConsentEvidence(intent.Kind.ToString().ToUpperInvariant(), m.Body, m.MessageSid, language);
        InboundDecision Reply(ReplyKind? kind, params object[] events) =>
            new(advocate?.Id, events, false, kind, language, advocate?.Name);
        ReplyKind? Answer(ReplyKind kind) => answersOptOut ? kind : null;

        if (advocate is null) return intent.Kind switch
        {
            KeywordKind.Join when !string.IsNullOrWhiteSpace(intent.Name) => Join(intent.Name!, from, m, now, evidence),
            KeywordKind.Join or KeywordKind.Start => Reply(ReplyKind.JoinNeedsName),
            KeywordKind.Stop => Reply(Answer(ReplyKind.StopConfirmed)),
            KeywordKind.Help => Reply(Answer(ReplyKind.Help)),
            _ => Reply(null),
        };

        var sms = advocate.SmsConsent.Status;
        return intent.Kind switch
        {
            // Confirm once: a second STOP from an opted-out number changes nothing and gets no answer.
            KeywordKind.Stop when sms == ConsentStatus.OptedOut => Reply(null),
            KeywordKind.Stop => Reply(Answer(ReplyKind.StopConfirmed),
                new OptedOut(advocate.Id, Channel.Sms, "keyword", "advocate", now, evidence)),
            KeywordKind.Start or KeywordKind.Join when sms == ConsentStatus.Given => Reply(Answer(ReplyKind.StartConfirmed)),
            KeywordKind.Start or KeywordKind.Join => Reply(Answer(ReplyKind.StartConfirmed),
                new OptedIn(advocate.Id, Channel.Sms, "keyword", "advocate", now, evidence)),
            KeywordKind.Help => Reply(Answer(ReplyKind.Help)),
            KeywordKind.Done => Reply(ReplyKind.DoneThanks,
                new ActionTaken(advocate.Id, attributed?.CampaignId ?? keywordCampaign, attributed?.AlertId, "sms-reply", m.Body, "advocate", now)),
            KeywordKind.Language when intent.Language == advocate.Language => new(advocate.Id, [], false, ReplyKind.LanguageChanged, advocate.Language, advocate.Name),
            KeywordKind.Language => new(advocate.Id, [new LanguageChanged(advocate.Id, intent.Language!, "advocate", now)], false,
                ReplyKind.LanguageChanged, intent.Language!, advocate.Name),
            _ => Reply(null, new ReplyReceived(advocate.Id, m.Body, m.MessageSid, now, attributed?.AlertId)),
        };
    }

    private static InboundDecision Join(string name, string from, ReceiveSms m, DateTimeOffset now, ConsentEvidence evidence)
    {
        var country = PhoneRegions.CountryOf(from) ?? "ZZ";
        var language = CountryLanguages.For(country);
        var id = Guid.CreateVersion7();
        var cleanName = name.Trim()[..Math.Min(name.Trim().Length, AdvocateRules.MaxName)];
        return new(id,
        [
            new AdvocateEnrolled(id, cleanName, from, null, country, language, null, [], true, "keyword", "advocate", now),
            new ConsentGiven(id, Channel.Sms, "keyword", "advocate", now, evidence with { Language = language }),
        ], true, ReplyKind.JoinWelcome, language, cleanName);
    }

    public static async Task<InboundReply> Handle(ReceiveSms m, IDocumentSession session, TimeProvider clock, MessagingSettings settings,
        Wolverine.IMessageContext bus)
    {
        if (await session.LoadAsync<InboundMessage>(m.MessageSid) is not null) return InboundReply.Replay;

        var now = clock.GetUtcNow();
        var from = Phones.ToE164(m.From, null) ?? m.From.Trim();
        var claim = await session.LoadAsync<PhoneClaim>(from);
        var advocate = claim is null ? null : await session.LoadAsync<Advocate>(claim.AdvocateId);
        if (advocate is { Status: AdvocateStatus.Merged }) advocate = null;

        var context = advocate is null ? InboundContext.None : await Attribution.LookUp(session, advocate.Id, now);
        var decision = Decide(advocate, m, from, now, settings.AppAnswersOptOutKeywords(m.To) && settings.AppAnswersOptOutKeywords(m.Via), context);
        if (decision.StartsStream)
        {
            session.Events.StartStream<Advocate>(decision.StreamId!.Value, decision.Events);
            session.Insert(new PhoneClaim(from, decision.StreamId.Value));
        }
        else if (decision.StreamId is { } id && decision.Events.Length > 0)
        {
            var stream = await session.Events.FetchForWriting<Advocate>(id);
            stream.AppendMany(decision.Events);
        }

        var reply = decision.Reply is { } kind ? SmsReplies.For(kind, decision.Language, decision.Name) : null;
        var intent = decision.Events.FirstOrDefault()?.GetType().Name ?? Keywords.Parse(m.Body).Kind.ToString();
        session.Insert(new InboundMessage(m.MessageSid, from, m.To, m.Body, now, decision.StreamId, intent, reply, m.Provider)
            { AlertId = decision.Events.OfType<ReplyReceived>().FirstOrDefault()?.AlertId });
        if (reply is not null && decision.StreamId is { } advocateId)
            session.Insert(ReplyDelivery(advocateId, from, reply, decision.Language, m, now));
        foreach (var e in decision.Events)
            if (AnsweredAlert(e) is { } answered && decision.StreamId is { } who)
            {
                await Alerts.AlertAnswer.RecordAsync(session, answered, who, acted: e is ActionTaken);
                await bus.PublishAsync(Alerts.FunnelTouched.Now(answered));
            }
        return new InboundReply(reply, decision.Language);
    }

    private static Guid? AnsweredAlert(object e) => e switch
    {
        ActionTaken a => a.AlertId,
        ReplyReceived r => r.AlertId,
        _ => null,
    };

    /// <summary>The reply is sent in the webhook's answer (TwiML), and recorded like any other delivery.</summary>
    private static Delivery ReplyDelivery(Guid advocateId, string to, string text, string language, ReceiveSms m, DateTimeOffset now) =>
        new Delivery(Guid.CreateVersion7(), $"reply:{m.MessageSid}", advocateId, Channel.Sms, to, text, null,
                DeliveryKinds.Reply, language, null, "advocacy", now, now)
            { Provider = m.Provider == "twilio" ? "twiml" : m.Provider, ProviderStatus = "sent" }
            .Step(DeliveryStatus.Sent, now, $"reply to {m.MessageSid}");
}
