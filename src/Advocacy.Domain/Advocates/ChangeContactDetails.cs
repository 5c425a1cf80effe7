using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>Fields left null keep their value; an empty email or association removes it.</summary>
public record ChangeContactDetails(
    Guid AdvocateId, string? Name, string? Phone, string? Email, string? Country, string? Association,
    long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ChangeContactDetails>
    {
        public Validator()
        {
            RuleFor(x => x).Must(x => (x.Name ?? x.Phone ?? x.Email ?? x.Country ?? x.Association) is not null)
                .WithName("body").WithMessage("Give at least one of name, phone, email, country, association.");
            RuleFor(x => x.Name).NotEmpty().MaximumLength(AdvocateRules.MaxName).When(x => x.Name is not null);
            RuleFor(x => x.Country).Must(Countries.IsKnown).When(x => x.Country is not null)
                .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.Phone).NotEmpty().MaximumLength(40).When(x => x.Phone is not null);
            RuleFor(x => x.Email).MaximumLength(AdvocateRules.MaxEmail).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email));
            RuleFor(x => x.Association).MaximumLength(AdvocateRules.MaxAssociation);
        }
    }
}

public static class ChangeContactDetailsHandler
{
    public static Decision Decide(Advocate advocate, ChangeContactDetails cmd, DateTimeOffset now)
    {
        var country = cmd.Country is null ? advocate.Country : Countries.Normalise(cmd.Country);
        // A new country re-reads the current number too: "0770 123 456" means something else in Kenya.
        // A contact from a web form may have no phone (""): it stays without one until a number is given.
        var phone = cmd.Phone is null && !advocate.HasPhone ? "" : Phones.ToE164(cmd.Phone ?? advocate.Phone, country);
        if (phone is null)
            return Decision.Refuse(Outcome.Invalid(advocate.Id, "phone",
                $"'{cmd.Phone ?? advocate.Phone}' is not a valid phone number for {country}."));

        var changed = new ContactDetailsChanged(advocate.Id,
            cmd.Name?.Trim() ?? advocate.Name, phone,
            cmd.Email is null ? advocate.Email : AdvocateRules.CleanEmail(cmd.Email),
            country,
            cmd.Association is null ? advocate.Association : AdvocateRules.Clean(cmd.Association),
            cmd.By.Name, now);

        var same = changed.Name == advocate.Name && changed.Phone == advocate.Phone && changed.Email == advocate.Email
                   && changed.Country == advocate.Country && changed.Association == advocate.Association;
        return same ? Decision.Nothing : Decision.Of(changed);
    }

    public static async Task<Outcome> Handle(ChangeContactDetails cmd, IDocumentSession session, TimeProvider clock)
    {
        var stream = await AdvocateStream.Fetch(session, cmd.AdvocateId);
        if (stream.Aggregate is not { } advocate) return Outcome.NotFound("Advocate", cmd.AdvocateId);
        if (AdvocateStream.StaleOrMerged(advocate, cmd.ExpectedVersion) is { } refused) return refused;

        var decision = Decide(advocate, cmd, clock.GetUtcNow());
        if (decision.Problem is not null) return decision.Problem;
        if (decision.Events is [ContactDetailsChanged changed] && changed.Phone != advocate.Phone)
        {
            var claim = await session.LoadAsync<PhoneClaim>(changed.Phone);
            if (claim is not null) return AdvocateRules.DuplicatePhone(claim);
            if (advocate.HasPhone) session.Delete<PhoneClaim>(advocate.Phone);
            session.Insert(new PhoneClaim(changed.Phone, advocate.Id));
        }

        stream.AppendMany(decision.Events);
        return Outcome.Done(advocate.Id);
    }
}
