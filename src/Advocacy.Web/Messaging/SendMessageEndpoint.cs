using System.Security.Claims;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Messaging;

public static class SendMessageEndpoint
{
    /// <summary>
    /// Queues one SMS or email to one advocate: 202 with the delivery, or 409 with the reason (no consent,
    /// opted out, undeliverable number, no email). An <c>Idempotency-Key</c> header makes a retry safe.
    /// </summary>
    [WolverinePost("/api/advocates/{id}/messages"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<IResult> Post(Guid id, SendMessage body, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        string? key = http.Request.Headers["Idempotency-Key"];
        if (key is { Length: > 100 }) return ProblemResponses.InvalidField("Idempotency-Key", "At most 100 characters.");

        var command = body with { AdvocateId = id, By = http.User.ToActor(), IdempotencyKey = key };
        Outcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<Outcome>(command);
        }
        catch (Exception e) when (key is not null && ProblemResponses.IsUniqueViolation(e))
        {
            // The same key raced itself: answer the delivery the winner created.
            var existing = await session.Query<Delivery>().FirstAsync(d => d.IdempotencyKey == $"direct:{id}:{key}");
            outcome = Outcome.Done(existing.Id);
        }

        return await outcome.ToResult(async () =>
        {
            var delivery = await session.LoadAsync<Delivery>(outcome.Id);
            return Results.Accepted($"/api/deliveries/{outcome.Id}", DeliveryView.Of(delivery!));
        });
    }

    [WolverineGet("/api/deliveries/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session)
    {
        var delivery = await session.LoadAsync<Delivery>(id);
        return delivery is null ? Results.Problem(Outcome.NotFound("Delivery", id).Problem!) : Results.Ok(DeliveryView.Of(delivery));
    }
}

public record DeliveryView(Guid Id, Guid? AdvocateId, string Channel, string Kind, string To, string Body, string? Subject,
    string Status, string? Provider, string? ProviderMessageId, int? ErrorCode, string? Error, bool Retryable,
    DateTimeOffset QueuedAt, DateTimeOffset NotBefore, IReadOnlyList<DeliveryStepView> History)
{
    public static DeliveryView Of(Delivery d) => new(d.Id, d.AdvocateId, d.Channel.ToString().ToLowerInvariant(), d.Kind, d.To,
        d.Body, d.Subject, Name(d.Status), d.Provider, d.ProviderMessageId, d.ErrorCode, d.Error, d.Retryable, d.QueuedAt,
        d.NotBefore, d.History.Select(h => new DeliveryStepView(Name(h.Status), h.At, h.Detail)).ToList());

    public static string Name(DeliveryStatus s) => s.ToString().ToLowerInvariant();
}

public record DeliveryStepView(string Status, DateTimeOffset At, string? Detail);
