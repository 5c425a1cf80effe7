using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

public record EnrollAdvocate(
    string Name, string Phone, string? Email, string Country, string Language, string? Association,
    string[]? Tags, bool SmsConsent, string? ConsentSource)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<EnrollAdvocate>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(AdvocateRules.MaxName);
            RuleFor(x => x.Country).NotEmpty().Must(Countries.IsKnown)
                .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.Phone).NotEmpty().Must((cmd, phone) => Phones.IsPossible(phone, cmd.Country))
                .WithMessage("'{PropertyValue}' is not a valid phone number for the country given.")
                .When(x => Countries.IsKnown(x.Country));
            RuleFor(x => x.Phone).NotEmpty().When(x => !Countries.IsKnown(x.Country));
            RuleFor(x => x.Email).MaximumLength(AdvocateRules.MaxEmail).EmailAddress();
            RuleFor(x => x.Language).NotEmpty().Must(Languages.IsValid)
                .WithMessage("'{PropertyValue}' is not a BCP-47 language tag such as en, fr or pt.");
            RuleFor(x => x.Association).MaximumLength(AdvocateRules.MaxAssociation);
            RuleFor(x => x.Tags).Must(t => t!.Length <= AdvocateRules.MaxTags)
                .WithMessage($"At most {AdvocateRules.MaxTags} tags.").When(x => x.Tags is not null);
            RuleForEach(x => x.Tags).Must(Common.Tags.IsValid).WithMessage(AdvocateRules.TagMessage);
            RuleFor(x => x.ConsentSource).NotEmpty().When(x => x.SmsConsent)
                .WithMessage("Say where SMS consent came from (e.g. paper-form, training, sms-keyword).");
            RuleFor(x => x.ConsentSource).MaximumLength(AdvocateRules.MaxSource);
        }
    }
}

public static class EnrollAdvocateHandler
{
    public static AdvocateEnrolled Decide(EnrollAdvocate cmd, Guid id, DateTimeOffset now) => new(
        id, cmd.Name.Trim(), Phones.ToE164(cmd.Phone, cmd.Country)!, AdvocateRules.CleanEmail(cmd.Email),
        Countries.Normalise(cmd.Country), Languages.Normalise(cmd.Language), AdvocateRules.Clean(cmd.Association),
        AdvocateRules.CleanTags(cmd.Tags), cmd.SmsConsent, AdvocateRules.Clean(cmd.ConsentSource),
        cmd.By.Name, now);

    public static async Task<Outcome> Handle(EnrollAdvocate cmd, IDocumentSession session, TimeProvider clock)
    {
        var enrolled = Decide(cmd, Guid.CreateVersion7(), clock.GetUtcNow());
        var existing = await session.LoadAsync<PhoneClaim>(enrolled.Phone);
        if (existing is not null) return AdvocateRules.DuplicatePhone(existing);

        session.Events.StartStream<Advocate>(enrolled.AdvocateId, enrolled);
        // A racing enrolment of the same number fails here, at commit, on the claim's primary key.
        session.Insert(new PhoneClaim(enrolled.Phone, enrolled.AdvocateId));
        return Outcome.Done(enrolled.AdvocateId);
    }
}
