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

/// <summary>Queued deliveries of an alert that wait until <paramref name="Until"/> (quiet hours in <paramref name="Country"/>).</summary>
public record HeldDeliveries(string Country, DateTimeOffset Until, int Count);

/// <summary>
/// Deliveries of an alert per state, every attempt counted: the progress of a dispatch. <see cref="Sent"/> means what
/// the funnel means: accepted by the provider, whatever happened after (so it includes <see cref="Delivered"/> and
/// the <see cref="Undelivered"/> part of <see cref="Failed"/>).
/// </summary>
public record DeliveryCounts(int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped)
{
    /// <summary>The latest time a queued delivery waits for (quiet hours in the recipient's time zone, a scheduled send).</summary>
    public DateTimeOffset? LastNotBefore { get; init; }

    /// <summary>Accepted by the provider, then reported undelivered: counted in both <see cref="Sent"/> and <see cref="Failed"/>.</summary>
    public int Undelivered { get; init; }

    /// <summary>Queued but waiting for a later time, per country and time: the part of <see cref="Queued"/> that is held.</summary>
    public IReadOnlyList<HeldDeliveries> Held { get; init; } = [];

    /// <summary>Every delivery that has its outcome: sent (delivered or not), refused before sending, or skipped.</summary>
    public int Handled => Sent + Failed - Undelivered + Skipped;
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
                coalesce(d.data ->> 'language', '') as language, d.data ->> 'status' as status,
                d.data ->> 'providerMessageId' is not null as accepted
            from {0}.mt_doc_delivery d
            where (d.data ->> 'alertId')::uuid = @alert
            order by d.data ->> 'advocateId', d.data ->> 'channel', (d.data ->> 'queuedAt')::timestamptz desc),
        answered as (
            select a.data ->> 'advocateId' as advocate, (a.data ->> 'acted')::boolean as acted
            from {0}.mt_doc_alertanswer a
            where (a.data ->> 'alertId')::uuid = @alert)
        """;

    private static readonly string ByState = Latest + "select country, language, status, accepted, count(*) from latest group by 1, 2, 3, 4;";

    private static readonly string ByAnswer = Latest + """
        select l.country, l.language, count(distinct l.advocate), count(distinct l.advocate) filter (where a.acted)
        from latest l join answered a on a.advocate = l.advocate group by 1, 2;
        """;

    public static async Task<Funnel> Read(IQuerySession session, Guid alertId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(session, ct);
        var states = new List<(string Country, string Language, DeliveryStatus Status, bool Accepted, int Count)>();
        await using (var reader = await Command(session, connection, ByState, alertId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                states.Add((reader.GetString(0), reader.GetString(1), Enum.Parse<DeliveryStatus>(reader.GetString(2)), reader.GetBoolean(3),
                    (int)reader.GetInt64(4)));
        var answers = new Dictionary<(string, string), (int Replied, int Acted)>();
        await using (var reader = await Command(session, connection, ByAnswer, alertId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                answers[(reader.GetString(0), reader.GetString(1))] = ((int)reader.GetInt64(2), (int)reader.GetInt64(3));

        var slices = states.GroupBy(s => (s.Country, s.Language)).OrderBy(g => g.Key.Country).ThenBy(g => g.Key.Language).Select(g =>
        {
            int Count(params DeliveryStatus[] wanted) => g.Where(s => wanted.Contains(s.Status)).Sum(s => s.Count);
            var (replied, acted) = answers.GetValueOrDefault(g.Key);
            // Sent: accepted by the provider, including what it later reported undelivered (also counted as failed).
            var sent = Count(DeliveryStatus.Sent, DeliveryStatus.Delivered) + g.Where(s => s.Status == DeliveryStatus.Failed && s.Accepted).Sum(s => s.Count);
            return new FunnelSlice(g.Key.Country, g.Key.Language, new Funnel(g.Sum(s => s.Count),
                sent, Count(DeliveryStatus.Delivered), Count(DeliveryStatus.Failed),
                Count(DeliveryStatus.Skipped), Count(DeliveryStatus.Queued, DeliveryStatus.Sending), replied, acted));
        }).ToList();
        return slices.Aggregate(Funnel.Empty, (sum, s) => sum.Plus(s.Funnel)) with { ByCountryAndLanguage = slices };
    }

    /// <summary>Every delivery of the alert by state, all attempts: what is left to send and what went.</summary>
    public static async Task<DeliveryCounts> Progress(IQuerySession session, Guid alertId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await OpenAsync(session, ct);
        const string sql = """
            select d.data ->> 'status', d.data ->> 'providerMessageId' is not null, count(*), max((d.data ->> 'notBefore')::timestamptz)
            from {0}.mt_doc_delivery d where (d.data ->> 'alertId')::uuid = @alert group by 1, 2
            """;
        var counts = new Dictionary<DeliveryStatus, int>();
        var undelivered = 0;
        DateTimeOffset? lastNotBefore = null;
        await using (var reader = await Command(session, connection, sql, alertId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var status = Enum.Parse<DeliveryStatus>(reader.GetString(0));
                var count = (int)reader.GetInt64(2);
                counts[status] = counts.GetValueOrDefault(status) + count;
                if (status == DeliveryStatus.Failed && reader.GetBoolean(1)) undelivered += count;
                if (status == DeliveryStatus.Queued && !reader.IsDBNull(3) && reader.GetFieldValue<DateTimeOffset>(3) is var at
                    && (lastNotBefore is null || at > lastNotBefore)) lastNotBefore = at;
            }
        int Of(DeliveryStatus s) => counts.GetValueOrDefault(s);
        return new DeliveryCounts(Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sending),
            Of(DeliveryStatus.Sent) + Of(DeliveryStatus.Delivered) + undelivered, Of(DeliveryStatus.Delivered), Of(DeliveryStatus.Failed),
            Of(DeliveryStatus.Skipped))
        {
            LastNotBefore = lastNotBefore, Undelivered = undelivered,
            Held = Of(DeliveryStatus.Queued) == 0 ? [] : await HeldAsync(session, connection, alertId, now, ct),
        };
    }

    private static async Task<IReadOnlyList<HeldDeliveries>> HeldAsync(IQuerySession session, NpgsqlConnection connection, Guid alertId,
        DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            select coalesce(d.data ->> 'country', ''), (d.data ->> 'notBefore')::timestamptz, count(*)
            from {0}.mt_doc_delivery d
            where (d.data ->> 'alertId')::uuid = @alert and d.data ->> 'status' = 'Queued' and (d.data ->> 'notBefore')::timestamptz > @now
            group by 1, 2 order by 2, 1
            """;
        var command = Command(session, connection, sql, alertId);
        command.Parameters.AddWithValue("now", now);
        var held = new List<HeldDeliveries>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            held.Add(new HeldDeliveries(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), (int)reader.GetInt64(2)));
        return held;
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
