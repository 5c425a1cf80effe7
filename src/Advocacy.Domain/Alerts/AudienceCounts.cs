using Advocacy.Domain.Advocates;
using Marten;
using Marten.Linq;

namespace Advocacy.Domain.Alerts;

public record AudienceCount(string Country, string Language, int Count);

/// <summary>Everyone an alert reaches on any of its channels, counted per country and language, and per channel.</summary>
public record AudienceSize(int Total, Dictionary<Channel, int> ByChannel, IReadOnlyList<AudienceCount> ByCountryAndLanguage);

/// <summary>
/// Audience figures counted in PostgreSQL (<c>count(*) … group by country, language</c>) over the same query
/// <see cref="AlertAudience.On"/> builds for dispatch, so a preview over 100,000 advocates moves a few dozen rows,
/// not 100,000, and can never disagree with who dispatch will reach.
/// </summary>
public static class AudienceCounts
{
    public static async Task<AudienceSize> Of(IQuerySession session, Audience audience, IReadOnlyList<Channel> channels, CancellationToken ct)
    {
        var byChannel = new Dictionary<Channel, IReadOnlyList<AudienceCount>>();
        foreach (var channel in channels) byChannel[channel] = await Grouped(session, AlertAudience.On(session, audience, channel), ct);

        // Reached on both channels: counted once. sms ∪ email = sms + email − both.
        var union = byChannel.Values.SelectMany(c => c).ToList();
        if (channels.Count > 1)
        {
            var both = AlertAudience.ReachableOn(AlertAudience.On(session, audience, channels[0]), channels[1]);
            union.AddRange((await Grouped(session, both, ct)).Select(c => c with { Count = -c.Count }));
        }
        var groups = union.GroupBy(c => (c.Country, c.Language))
            .Select(g => new AudienceCount(g.Key.Country, g.Key.Language, g.Sum(c => c.Count)))
            .Where(c => c.Count > 0).OrderBy(c => c.Country).ThenBy(c => c.Language).ToList();
        return new AudienceSize(groups.Sum(g => g.Count), byChannel.ToDictionary(p => p.Key, p => p.Value.Sum(c => c.Count)), groups);
    }

    public static async Task<IReadOnlyList<AudienceCount>> Of(IQuerySession session, Audience audience, Channel channel, CancellationToken ct) =>
        await Grouped(session, AlertAudience.On(session, audience, channel), ct);

    private static async Task<IReadOnlyList<AudienceCount>> Grouped(IQuerySession session, IQueryable<Advocate> query, CancellationToken ct)
    {
        var command = query.ToCommand(FetchType.FetchMany);
        var sql = command.CommandText.Trim().TrimEnd(';');
        // Marten selects the document columns ("select d.data from …" or "select d.id, d.data, d.mt_version from …"):
        // keep its FROM and WHERE, count instead.
        var from = sql.IndexOf(" from ", StringComparison.Ordinal);
        if (!sql.StartsWith("select d.", StringComparison.Ordinal) || from < 0)
            throw new InvalidOperationException($"Unexpected SQL from Marten for an audience query: {sql}");
        command.CommandText = $"select d.data ->> 'country', d.data ->> 'language', count(*){sql[from..]} group by 1, 2";

        await using var connection = session.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        command.Connection = connection;
        var counts = new List<AudienceCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts.Add(new AudienceCount(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2)));
        return counts;
    }
}
