using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Coalitions;

public record FormCoalition(string? Name, string? Country, CoalitionKind? Kind, string? FocalPoint, string? FocalPointEmail = null)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<FormCoalition>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Country).Must(Countries.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.Kind).NotNull().IsInEnum().WithMessage("Kind is ngoCoalition or chwAssociation.");
            RuleFor(x => x.FocalPoint).NotEmpty().MaximumLength(200);
            RuleFor(x => x.FocalPointEmail).EmailAddress().MaximumLength(254).When(x => x.FocalPointEmail is not null);
        }
    }
}

public static class FormCoalitionHandler
{
    public static CoalitionFormed Decide(FormCoalition cmd, Guid id, DateTimeOffset now) =>
        new(id, cmd.Name!.Trim(), Countries.Normalise(cmd.Country!), cmd.Kind!.Value, cmd.FocalPoint!.Trim(), cmd.By.Name, now,
            cmd.FocalPointEmail?.Trim());

    public static async Task<Outcome> Handle(FormCoalition cmd, IDocumentSession session, TimeProvider clock)
    {
        var formed = Decide(cmd, Guid.CreateVersion7(), clock.GetUtcNow());
        if (await Twin(session, formed) is { } twin) return twin;
        session.Events.StartStream<Coalition>(formed.CoalitionId, formed);
        return Outcome.Done(formed.CoalitionId);
    }

    /// <summary>One coalition of a name per country: a second "Kenya CHW Advocacy Coalition" is a typo or a double click.</summary>
    public static async Task<Outcome?> Twin(IQuerySession session, CoalitionFormed formed)
    {
        var twin = await session.Query<Coalition>().FirstOrDefaultAsync(c => c.Country == formed.Country && c.Name == formed.Name);
        return twin is null ? null : Outcome.Conflict(twin.Id, "Coalition exists", $"{twin.Country} already has a coalition named {twin.Name}.",
            new Dictionary<string, object?> { ["existingId"] = twin.Id });
    }
}
