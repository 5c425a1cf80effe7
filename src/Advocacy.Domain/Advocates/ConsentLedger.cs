using JasperFx.Events;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>One consent change with its proof, as telecom rules ask for it.</summary>
public record ConsentLedgerEntry(
    Guid AdvocateId, string Name, string Phone, string Country, string Channel, string Change, string Source,
    string? Keyword, string? RawText, string? ProviderMessageId, string? Language, string By, DateTimeOffset At,
    string? Wording = null, string? Form = null, string? PageUrl = null, string? IpHash = null);

/// <summary>The consent ledger is read from the event streams: the events are the proof.</summary>
public static class ConsentLedger
{
    public static async Task<IReadOnlyList<ConsentLedgerEntry>> ForAdvocates(IQuerySession session, IReadOnlyList<Advocate> advocates, CancellationToken ct)
    {
        var byId = advocates.ToDictionary(a => a.Id);
        var ids = byId.Keys.ToArray();
        var entries = new List<ConsentLedgerEntry>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var events = await session.Events.QueryAllRawEvents().Where(e => chunk.Contains(e.StreamId)).ToListAsync(ct);
            entries.AddRange(events.SelectMany(e => Entries(byId[e.StreamId], e)));
        }
        return entries.OrderBy(e => e.At).ToList();
    }

    private static IEnumerable<ConsentLedgerEntry> Entries(Advocate a, IEvent e)
    {
        ConsentLedgerEntry Entry(Channel channel, string change, string source, ConsentEvidence? proof, string by, DateTimeOffset at) =>
            new(a.Id, a.Name, a.Phone, a.Country, channel.ToString().ToLowerInvariant(), change, source, proof?.Keyword,
                proof?.RawText, proof?.ProviderMessageId, proof?.Language ?? a.Language, by, at,
                proof?.Wording, proof?.Form, proof?.PageUrl, proof?.IpHash);

        switch (e.Data)
        {
            case AdvocateEnrolled { SmsConsent: true } x:
                yield return Entry(Channel.Sms, "given", x.ConsentSource ?? "enrolment", null, x.EnrolledBy, x.EnrolledAt);
                break;
            case ConsentGiven x:
                yield return Entry(x.Channel, "given", x.Source, x.Evidence, x.GivenBy, x.GivenAt);
                break;
            case OptedOut x:
                yield return Entry(x.Channel, "opted_out", x.Source, x.Evidence, x.OptedOutBy, x.OptedOutAt);
                break;
            case EmailConfirmationRequested x:
                yield return Entry(Channel.Email, "requested", x.Source, x.Evidence, x.Source, x.RequestedAt);
                break;
            case OptedIn x:
                yield return Entry(x.Channel, "opted_in", x.Source, x.Evidence, x.OptedInBy, x.OptedInAt);
                break;
            case DuplicateAbsorbed x:
                foreach (var c in x.Consents)
                    yield return Entry(c.Channel, $"merged:{c.Status.ToString().ToLowerInvariant()}", $"merge of {x.DuplicateId}", null, x.MergedBy, x.MergedAt);
                break;
        }
    }
}
