using Npgsql;

namespace Advocacy.Tests.Faults;

// Who is sending what, read from Hangfire's and Marten's tables, and where deliveries ended up.
public sealed partial class FaultFixture
{
    /// <summary>
    /// The phone numbers of the deliveries in the send batches <paramref name="node"/> is running now (Hangfire's
    /// Processing state names the server, whose id carries the process id).
    /// </summary>
    public async Task<IReadOnlyList<string>> RecipientsBeingSentBy(AppNode node)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var query = new NpgsqlCommand("""
            select d.data ->> 'to'
            from hangfire.job j
            join hangfire.state s on s.id = j.stateid
            cross join lateral jsonb_array_elements_text((j.arguments::jsonb ->> 0)::jsonb) as batch(id)
            join advocacy.mt_doc_delivery d on d.id = batch.id::uuid
            where j.statename = 'Processing' and j.invocationdata::text like '%SendDeliveriesJob%'
              and s.data::jsonb ->> 'ServerId' like '%:' || @pid || ':%'
            """, conn);
        query.Parameters.AddWithValue("pid", node.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var phones = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) phones.Add(reader.GetString(0));
        return phones;
    }

    /// <summary>The provider error codes of the alert's failed deliveries, with how many carry each.</summary>
    public async Task<Dictionary<int, int>> FailureCodes(Guid alert)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var query = new NpgsqlCommand("""
            select (data ->> 'errorCode')::int, count(*)::int from advocacy.mt_doc_delivery
            where (data ->> 'alertId')::uuid = @alert and data ->> 'status' = 'Failed' and data ->> 'errorCode' is not null group by 1
            """, conn);
        query.Parameters.AddWithValue("alert", alert);
        var counts = new Dictionary<int, int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetInt32(0)] = reader.GetInt32(1);
        return counts;
    }
}
