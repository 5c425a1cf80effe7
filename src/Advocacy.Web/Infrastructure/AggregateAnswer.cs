using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine.Marten;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// What an endpoint on Wolverine's aggregate handler workflow returns: the answer, and the events Wolverine appends
/// to the stream it loaded for the <c>[Aggregate]</c> parameter before committing the session.
/// </summary>
public static class AggregateAnswer
{
    /// <summary>A refused command answers its problem and appends nothing; an accepted one answers the view of the aggregate as committed.</summary>
    public static (IResult, Events) Of<TAggregate, TView>(Guid id, Outcome? problem, IEnumerable<object> events,
        Func<TAggregate, HttpResponse, TView> view) where TAggregate : notnull =>
        problem?.Problem is { } refused
            ? (Results.Problem(refused), new Events())
            : (new Committed<TAggregate, TView>(id, view), new Events(events));

    /// <summary>The 201 of an endpoint that starts a stream (an <c>IStartStream</c> side effect): the new aggregate's view as committed.</summary>
    public static IResult Created<TAggregate, TView>(Guid id, string location, Func<TAggregate, TView> view) where TAggregate : notnull =>
        new Committed<TAggregate, TView>(id, (aggregate, _) => view(aggregate), location);

    /// <summary>A creation refused before any stream was started: its problem, and nothing for Wolverine to carry out.</summary>
    public static (IResult, IMartenOp) Refused(Outcome refused) => (Results.Problem(refused.Problem!), MartenOps.Nothing());

    /// <summary>
    /// Endpoints validate the command they build from route, body and caller themselves: the validation middleware
    /// wraps message handlers, and these commands no longer pass through one.
    /// </summary>
    public static T Validated<T>(this IValidator<T> validator, T command) where T : notnull
    {
        var result = validator.Validate(command);
        return result.IsValid ? command : throw new RefusedAtEndpoint(typeof(T).Name, result.Errors);
    }
}

/// <summary>A command an endpoint's validator refused: a 400 like any <see cref="ValidationException"/>, logged as information.</summary>
public sealed class RefusedAtEndpoint(string command, IEnumerable<FluentValidation.Results.ValidationFailure> errors)
    : ValidationException(errors)
{
    public string Command { get; } = command;
}

/// <summary>
/// The view of an aggregate as the transaction left it. Wolverine executes an endpoint's <see cref="IResult"/> after
/// the workflow has saved the session, so the inline snapshot read here already holds the appended events.
/// </summary>
public sealed class Committed<TAggregate, TView>(Guid id, Func<TAggregate, HttpResponse, TView> view, string? location = null) : IResult
    where TAggregate : notnull
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var session = http.RequestServices.GetRequiredService<IQuerySession>();
        var aggregate = await session.LoadAsync<TAggregate>(id, http.RequestAborted)
            ?? throw new InvalidOperationException($"{typeof(TAggregate).Name} {id} has no snapshot after its events were committed.");
        var body = view(aggregate, http.Response);
        await (location is null ? Results.Ok(body) : Results.Created(location, body)).ExecuteAsync(http);
    }
}
