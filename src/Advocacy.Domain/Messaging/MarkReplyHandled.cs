using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>Marks a reply in the inbox as dealt with (or back to open when <paramref name="Handled"/> is false).</summary>
public record MarkReplyHandled(string MessageId, bool Handled = true)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<MarkReplyHandled>
    {
        public Validator() => RuleFor(x => x.MessageId).NotEmpty().MaximumLength(100);
    }
}

public static class MarkReplyHandledHandler
{
    public static async Task<Outcome> Handle(MarkReplyHandled cmd, IDocumentSession session, TimeProvider clock)
    {
        var message = await session.LoadAsync<InboundMessage>(cmd.MessageId);
        if (message is not { Intent: Inbox.ReplyIntent })
            return new Outcome(Guid.Empty, new() { Status = 404, Title = "Reply not found", Detail = $"No reply has id {cmd.MessageId}." });
        session.Store(cmd.Handled
            ? message with { HandledAt = clock.GetUtcNow(), HandledBy = cmd.By.Name }
            : message with { HandledAt = null, HandledBy = null });
        return Outcome.Done(message.AdvocateId ?? Guid.Empty);
    }
}
