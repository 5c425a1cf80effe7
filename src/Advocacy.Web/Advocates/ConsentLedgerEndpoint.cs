using System.Globalization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public static class ConsentLedgerEndpoint
{
    /// <summary>The consent ledger of one advocate or one country, as CSV evidence for telecom rules.</summary>
    [WolverineGet("/api/consent-ledger"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Export(IQuerySession session, CancellationToken ct, Guid? advocateId = null, string? country = null)
    {
        if (advocateId is null == country is null)
            return ProblemResponses.InvalidField("query", "Give either advocateId or country.");
        if (ProblemResponses.UnknownCountry(country) is { } badCountry) return badCountry;

        var advocates = advocateId is { } id
            ? (await session.LoadAsync<Advocate>(id, ct) is { } one ? [one] : [])
            : await session.Query<Advocate>().Where(a => a.Country == Countries.Normalise(country!)).ToListAsync(ct);
        if (advocateId is not null && advocates.Count == 0) return Results.Problem(Outcome.NotFound("Advocate", advocateId.Value).Problem!);

        var entries = await ConsentLedger.ForAdvocates(session, advocates.ToList(), ct);
        using var file = new MemoryStream();
        // Line feeds, no BOM: the ledger as it has always been written.
        await using (var csv = CsvWriter.Create(file, Csv.Options with { NewLine = "\n" }, leaveOpen: true))
        {
            await Csv.WriteRowAsync(csv, ["advocate_id", "name", "phone", "country", "channel", "change", "source", "keyword", "raw_text",
                "provider_message_id", "language", "by", "at", "wording", "form", "page_url", "ip_hash"]);
            foreach (var e in entries)
                await Csv.WriteRowAsync(csv, [
                    e.AdvocateId.ToString(), e.Name, e.Phone, e.Country, e.Channel, e.Change, e.Source, e.Keyword, e.RawText,
                    e.ProviderMessageId, e.Language, e.By, e.At.ToString("O", CultureInfo.InvariantCulture), e.Wording, e.Form, e.PageUrl, e.IpHash,
                ]);
        }
        var name = advocateId is not null ? $"consent-ledger-{advocateId}.csv" : $"consent-ledger-{country!.ToUpperInvariant()}.csv";
        return Results.File(file.ToArray(), "text/csv; charset=utf-8", name);
    }

    /// <summary>One advocate's consent changes with their proof (for a form: the wording shown, the form, the page, the IP hash).</summary>
    [WolverineGet("/api/advocates/{id}/consents"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> ForAdvocate(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return Results.Problem(Outcome.NotFound("Advocate", id).Problem!);
        return Results.Ok(await ConsentLedger.ForAdvocates(session, [advocate], ct));
    }
}
