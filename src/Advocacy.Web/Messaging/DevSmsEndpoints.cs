using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Auth;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Messaging;

public record AnswerAsAdvocate(string From, string Body)
{
    public class Validator : AbstractValidator<AnswerAsAdvocate>
    {
        public Validator()
        {
            RuleFor(x => x.From).NotEmpty().MaximumLength(40)
                .Must(from => Advocacy.Domain.Common.Phones.ToE164(from, null) is not null)
                .WithMessage("Write the number in international form, e.g. +231770123456.");
            RuleFor(x => x.Body).NotEmpty().MaximumLength(1600);
        }
    }
}

/// <summary>
/// With no Twilio account, SMS go to the development recorder. These let a person read them and answer
/// as the advocate; the answer takes the same inbound path as a real reply. Absent (404) with Twilio.
/// </summary>
public static class DevSmsEndpoints
{
    [WolverineGet("/api/dev/sms"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<IResult> List(IQuerySession session, SmsProviderChoice provider, string? phone = null)
    {
        if (!provider.UsesRecorder) return Results.NotFound();
        var query = session.Query<RecordedSms>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(phone)) query = query.Where(m => m.Phone == phone);
        return Results.Ok(await query.OrderByDescending(m => m.At).Take(500).ToListAsync());
    }

    [WolverinePost("/api/dev/sms/inbound"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<IResult> Answer(AnswerAsAdvocate answer, IValidator<AnswerAsAdvocate> validator,
        IDocumentStore store, SmsProviderChoice provider, IMessageBus bus, TimeProvider clock)
    {
        if (!provider.UsesRecorder) return Results.NotFound();
        await validator.ValidateAndThrowAsync(answer);
        var (sid, reply) = await AnswerAsync(answer, store, bus, clock);
        return Results.Ok(new { sid, reply });
    }

    /// <summary>The advocate's answer through the real inbound path; it and any automatic reply are kept for the phone view.</summary>
    public static async Task<(string Sid, string? Reply)> AnswerAsync(AnswerAsAdvocate answer, IDocumentStore store, IMessageBus bus, TimeProvider clock)
    {
        var sid = $"DEV{Guid.CreateVersion7():N}";
        var from = Advocacy.Domain.Common.Phones.ToE164(answer.From, null)!;
        var reply = await bus.InvokeAsync<InboundReply>(new ReceiveSms(sid, from, "recorder", answer.Body, "recorder"));
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        session.Store(new RecordedSms(sid, null, "in", from, answer.Body, now));
        if (reply.Text is not null)
            session.Store(new RecordedSms($"RE{sid}", null, "out", from, reply.Text, now.AddMilliseconds(1)));
        await session.SaveChangesAsync();
        return (sid, reply.Text);
    }
}
