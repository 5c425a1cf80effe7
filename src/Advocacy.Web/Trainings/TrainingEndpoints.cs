using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Trainings;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Advocacy.Web.Trainings;

public record AttendanceView(Guid AdvocateId, string? Name, string Status, DateTimeOffset RecordedAt);

public record TrainingView(
    Guid Id, Guid? TrackId, string Topic, string Country, string? Venue, bool Online, DateTimeOffset StartsAt, string TimeZone,
    string Facilitator, int Capacity, int Attended, string ScheduledBy, DateTimeOffset ScheduledAt, long Version,
    IReadOnlyList<AttendanceView>? Attendance)
{
    public static TrainingView Of(Training t, IReadOnlyList<AttendanceView>? attendance = null) => new(t.Id, t.TrackId, t.Topic,
        t.Country, t.Venue, t.Online, t.StartsAt, t.TimeZone, t.Facilitator, t.Capacity, t.AttendedCount, t.ScheduledBy,
        t.ScheduledAt, t.Version, attendance);
}

public record TrainingPage(IReadOnlyList<TrainingView> Items, long Total, int Page, int PageSize);

public static class TrainingEndpoints
{
    [WolverinePost("/api/training-tracks"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<TrainingTrack>(201), ProducesResponseType(400)]
    public static (IResult, IStartStream) DefineTrack(DefineTrainingTrack command, HttpContext http, IValidator<DefineTrainingTrack> validator,
        TimeProvider clock)
    {
        var defined = DefineTrainingTrackHandler.Decide(validator.Validated(command with { By = http.User.ToActor() }), Guid.CreateVersion7(), clock.GetUtcNow());
        return (AggregateAnswer.Created(defined.TrackId, $"/api/training-tracks/{defined.TrackId}", (TrainingTrack t) => t),
            MartenOps.StartStream<TrainingTrack>(defined.TrackId, defined));
    }

    [WolverineGet("/api/training-tracks"), Authorize(Policy = Policies.Read)]
    public static async Task<IReadOnlyList<TrainingTrack>> ListTracks(IQuerySession session, CancellationToken ct) =>
        await session.Query<TrainingTrack>().OrderBy(t => t.Name).ToListAsync(ct);

    [WolverineGet("/api/training-tracks/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> GetTrack(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingTrack>(id, ct) is { } track
            ? Results.Ok(track)
            : Results.Problem(Outcome.NotFound("Training track", id).Problem!);

    [WolverinePost("/api/trainings"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<TrainingView>(201), ProducesResponseType(400)]
    public static async Task<(IResult, IMartenOp)> Schedule(ScheduleTraining command, HttpContext http, IValidator<ScheduleTraining> validator,
        IQuerySession session, TimeProvider clock)
    {
        var checkedCommand = validator.Validated(command with { By = http.User.ToActor() });
        if (await ScheduleTrainingHandler.UnknownTrack(session, checkedCommand) is { } unknown) return AggregateAnswer.Refused(unknown);
        var scheduled = ScheduleTrainingHandler.Decide(checkedCommand, Guid.CreateVersion7(), clock.GetUtcNow());
        return (AggregateAnswer.Created(scheduled.TrainingId, $"/api/trainings/{scheduled.TrainingId}", (Training t) => TrainingView.Of(t)),
            MartenOps.StartStream<Training>(scheduled.TrainingId, scheduled));
    }

    /// <summary>Sessions, soonest last (newest first), optionally by country and track.</summary>
    [WolverineGet("/api/trainings"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, string? country = null, Guid? trackId = null,
        int? page = null, int? pageSize = null)
    {
        if (ProblemResponses.UnknownCountry(country) is { } badCountry) return badCountry;
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null) return problem;
        var query = session.Query<Training>().AsQueryable();
        if (country is not null)
        {
            var code = Countries.Normalise(country);
            query = query.Where(t => t.Country == code);
        }
        if (trackId is { } track) query = query.Where(t => t.TrackId == track);
        var (items, total) = await paging.Read(query, q => q.OrderByDescending(t => t.StartsAt).ThenBy(t => t.Id), ct);
        return Results.Ok(new TrainingPage(items.Select(t => TrainingView.Of(t)).ToList(), total, paging.Page, paging.Size));
    }

    /// <summary>The session with its register (advocate, name, attended or absent).</summary>
    [WolverineGet("/api/trainings/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Training>(id, ct) is not { } training) return Results.Problem(Outcome.NotFound("Training", id).Problem!);
        return Results.Ok(await WithAttendance(session, training, ct));
    }

    /// <summary>Bulk and idempotent: <c>{"entries": [{"advocateId": "…", "status": "attended" | "absent"}]}</c>.</summary>
    [WolverinePost("/api/trainings/{id}/attendance"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<TrainingView>(200), ProducesResponseType(400), ProducesResponseType(404)]
    public static async Task<IResult> RecordAttendance(Guid id, RecordAttendance command, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { TrainingId = id, By = http.User.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Ok(await WithAttendance(session, (await session.LoadAsync<Training>(id))!, http.RequestAborted)));
    }

    private static async Task<TrainingView> WithAttendance(IQuerySession session, Training training, CancellationToken ct)
    {
        var names = (await session.LoadManyAsync<Advocate>(ct, training.Attendance.Select(l => l.AdvocateId).ToArray()))
            .ToDictionary(a => a.Id, a => a.Name);
        return TrainingView.Of(training, training.Attendance
            .Select(l => new AttendanceView(l.AdvocateId, names.GetValueOrDefault(l.AdvocateId), l.Status.ToString().ToLowerInvariant(), l.RecordedAt))
            .OrderBy(a => a.Name).ToList());
    }

    /// <summary>Per country and overall: trained and untrained advocates, how many of each acted in the last <c>days</c>, the shares and their ratio.</summary>
    [WolverineGet("/api/reports/activation"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Activation(IQuerySession session, TimeProvider clock, CancellationToken ct, int? days = null)
    {
        if (days is < 1 or > Advocacy.Domain.Trainings.Activation.MaxDays)
            return ProblemResponses.InvalidField("days", $"Days is 1 to {Advocacy.Domain.Trainings.Activation.MaxDays}.");
        return Results.Ok(await Advocacy.Domain.Trainings.Activation.Read(session, days ?? 30, clock.GetUtcNow(), ct));
    }
}
