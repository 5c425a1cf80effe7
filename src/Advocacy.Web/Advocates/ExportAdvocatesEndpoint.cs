using Advocacy.Domain.Advocates;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public static class ExportAdvocatesEndpoint
{
    /// <summary>The import's own columns, so an exported file imports back with no change.</summary>
    public static readonly string[] Columns =
        ["id", "name", "phone", "email", "country", "language", "association", "tags", "smsConsent", "emailConsent", "timeZone", "enrolledAt"];

    /// <summary>Every advocate the list's filters match, as CSV, streamed row by row from the database.</summary>
    [WolverineGet("/api/advocates/export"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, TimeProvider clock,
        string? country = null, string? language = null, string? tag = null, string? consent = null, string? q = null, bool? includeMerged = null,
        Guid? coalitionId = null, bool? trained = null, bool? certified = null)
    {
        var filter = new AdvocateFilter(country, language, tag, consent, q, includeMerged ?? false, coalitionId, trained, certified);
        if (GetAdvocateEndpoints.FilterErrors(filter) is { Count: > 0 } errors) return Results.Problem(ProblemResponses.Invalid(errors));

        await WriteAsync(http, session, clock, filter);
        return Results.Empty;
    }

    /// <summary>The CSV itself; the advocates page's Export link (cookie) writes it through the same code.</summary>
    public static async Task WriteAsync(HttpContext http, IQuerySession session, TimeProvider clock, AdvocateFilter filter)
    {
        await using var csv = CsvResponse.Start(http, $"advocates-{clock.GetUtcNow():yyyy-MM-dd}.csv");
        await csv.WriteRowAsync(Columns);
        await foreach (var a in AdvocateSearch.Stream(session, filter, http.RequestAborted))
            await csv.WriteRowAsync([
                a.Id.ToString(), a.Name, a.Phone, a.Email, a.Country, a.Language, a.Association, string.Join(' ', a.Tags),
                Consent(a.SmsConsent), Consent(a.EmailConsent), a.TimeZone, a.EnrolledAt.ToString("O"),
            ]);
    }

    private static string Consent(ChannelConsent c) => c.Status switch
    {
        ConsentStatus.Given => "yes",
        ConsentStatus.OptedOut => "opted-out",
        _ => "no",
    };
}
