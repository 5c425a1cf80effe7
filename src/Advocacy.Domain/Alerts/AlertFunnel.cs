using Advocacy.Domain.Messaging;
using Marten;
using Npgsql;

namespace Advocacy.Domain.Alerts;

public record FunnelSlice(string Country, string Language, Funnel Funnel);

/// <summary>targeted → sent → delivered / failed → replied → acted, counting each recipient once per channel by their latest attempt.</summary>
public record Funnel(int Targeted, int Sent, int Delivered, int Failed, int Skipped, int Pending, int Replied, int Acted)
{
    /// <summary>The same figures per recipient country and message language (empty when not asked for).</summary>
    public IReadOnlyList<FunnelSlice> ByCountryAndLanguage { get; init; } = [];

    public static readonly Funnel Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public Funnel Plus(Funnel o) => new(Targeted + o.Targeted, Sent + o.Sent, Delivered + o.Delivered, Failed + o.Failed,
        Skipped + o.Skipped, Pending + o.Pending, Replied + o.Replied, Acted + o.Acted);
}

/// <summary>Deliveries of an alert per state, every attempt counted: the progress of a dispatch.</summary>
public record DeliveryCounts(int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped)
{
    /// <summary>The latest time a queued delivery waits for (quiet hours in the recipient's time zone, a scheduled send).</summary>
    public DateTimeOffset? LastNotBefore { get; init; }
}

/// <summary>
/// Counts an alert's outcomes in PostgreSQL: a 100,000-recipient alert is a few dozen grouped rows here, not
/// 100,000 documents in memory. The funnel projection (<see cref="AlertFunnelView"/>) stores what this computes.
/// </summary>
public static class AlertFunnel
{
    // The latest attempt per recipient and channel (a re-send round adds a newer delivery), and who answered.
    private const string Latest = """
        with latest as materialized (
            select distinct on (d.data ->> 'advocateId', d.data ->> 'channel')
                d.data ->> 'advocateId' as advocate, coalesce(d.data ->> 'country', '') as country,
                coalesce(d.data ->> 'language', '') as language, d.data ->> 'status' as status
            from {0}.mt_doc_delivery d
            where (d.data ->> 'alertId')::uuid = @alert
            order by d.data ->> 'advocateId', d.data ->> 'channel', (d.data ->> 'queuedAt')::timestamptz desc),
        answered as (
            select a.data ->> 'advocateId' as advocate, (a.data ->> 'acted')::boolean as acted
            from {0}.mt_doc_alertanswer a
            where (a.data ->> 'alertId')::uuid = @alert)
        """;

    private static readonly string ByState = Latest + "select country, language, status, count(*) from latest group by 1, 2, 3;";

    private static readonly string ByAnswer = Latest + """
        select l.country, l.language, count(distinct l.advocate), count(distinct l.advocate) filter (where a.acted)
        from latest l join answered a on a.advocate = l.advocate group by 1, 2;
        """;

    public static async Task<Funnel> Read(IQuerySession session, Guid alertId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(session, ct);
        var states = new List<(string Country, string Language, DeliveryStatus Status, int Count)>();
        await using (var reader = await Command(session, connection, ByState, alertId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                states.Add((reader.GetString(0), reader.GetString(1), Enum.Parse<DeliveryStatus>(reader.GetString(2)), (int)reader.GetInt64(3)));
        var answers = new Dictionary<(string, string), (int Replied, int Acted)>();
        await using (var reader = await Command(session, connection, ByAnswer, alertId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                answers[(reader.GetString(0), reader.GetString(1))] = ((int)reader.GetInt64(2), (int)reader.GetInt64(3));

        var slices = states.GroupBy(s => (s.Country, s.Language)).OrderBy(g => g.Key.Country).ThenBy(g => g.Key.Language).Select(g =>
        {
            int Count(params DeliveryStatus[] wanted) => g.Where(s => wanted.Contains(s.Status)).Sum(s => s.Count);
            var (replied, acted) = answers.GetValueOrDefault(g.Key);
            return new FunnelSlice(g.Key.Country, g.Key.Language, new Funnel(g.Sum(s => s.Count),
                Count(DeliveryStatus.Sent, DeliveryStatus.Delivered), Count(DeliveryStatus.Delivered), Count(DeliveryStatus.Failed),
                Count(DeliveryStatus.Skipped), Count(DeliveryStatus.Queued, DeliveryStatus.Sending), replied, acted));
        }).ToList();
        return slices.Aggregate(Funnel.Empty, (sum, s) => sum.Plus(s.Funnel)) with { ByCountryAndLanguage = slices };
    }

    /// <summary>Every delivery of the alert by state, all attempts: what is left to send and what went.</summary>
    public static async Task<DeliveryCounts> Progress(IQuerySession session, Guid alertId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(session, ct);
        const string sql = """
            select d.data ->> 'status', count(*), max((d.data ->> 'notBefore')::timestamptz)
            from {0}.mt_doc_delivery d where (d.data ->> 'alertId')::uuid = @alert group by 1
            """;
        var counts = new Dictionary<DeliveryStatus, int>();
        DateTimeOffset? lastNotBefore = null;
        await using var reader = await Command(session, connection, sql, alertId).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var status = Enum.Parse<DeliveryStatus>(reader.GetString(0));
            counts[status] = (int)reader.GetInt64(1);
            if (status == DeliveryStatus.Queued && !reader.IsDBNull(2)) lastNotBefore = reader.GetFieldValue<DateTimeOffset>(2);
        }
        int Of(DeliveryStatus s) => counts.GetValueOrDefault(s);
        return new DeliveryCounts(Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sending), Of(DeliveryStatus.Sent),
            Of(DeliveryStatus.Delivered), Of(DeliveryStatus.Failed), Of(DeliveryStatus.Skipped)) { LastNotBefore = lastNotBefore };
    }

    private static async Task<NpgsqlConnection> OpenAsync(IQuerySession session, CancellationToken ct)
    {
        var connection = session.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private static NpgsqlCommand Command(IQuerySession session, NpgsqlConnection connection, string sql, Guid alertId)
    {
        var options = session.DocumentStore.Options;
        var command = new NpgsqlCommand(string.Format(sql, options.DatabaseSchemaName), connection);
        command.Parameters.AddWithValue("alert", alertId);
        return command;
    }
}
