using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Advocacy.Bench;

/// <summary>
/// The dispatch bench's own database (advocacy_dispatch on the bench cluster): its cohort check, the clean-up
/// between runs, the counters read around a dispatch, and the raw-insert baseline.
/// </summary>
public sealed class DispatchDatabase(string connectionString)
{
    public const string Name = "advocacy_dispatch";
    public string ConnectionString { get; } = connectionString;

    private async Task<T> Scalar<T>(string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task<bool> Exists(string table) => Scalar<bool>("select to_regclass($1) is not null", table);

    /// <summary>Advocates present, and how many carry the pacing tag; (0, 0) before the schema exists.</summary>
    public async Task<(long Total, long Tagged)> CohortAsync(string tag)
    {
        if (!await Exists("advocacy.mt_doc_advocate")) return (0, 0);
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*), count(*) filter (where data->'tags' ? $1) from advocacy.mt_doc_advocate", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tag });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Before a host starts: deliveries and Hangfire jobs of earlier runs are removed, so the minutely recovery
    /// sweep cannot send a leftover (it would reach the fake server in the middle of a measurement).
    /// </summary>
    public async Task CleanAsync()
    {
        if (await Exists("advocacy.mt_doc_delivery")) await Execute("truncate advocacy.mt_doc_delivery");
        if (await Exists("hangfire.job")) await Execute("truncate hangfire.job, hangfire.jobqueue, hangfire.lock cascade");
    }

    /// <summary>
    /// The bench's own progress reads, on one connection kept open: one commit per read. (A pooled connection
    /// opened per read would add one more: Npgsql's reset, DISCARD ALL, is a transaction of its own.)
    /// </summary>
    public sealed class Probe(NpgsqlConnection conn) : IAsyncDisposable
    {
        public long Reads { get; private set; }

        /// <summary>Deliveries of the alert, and those not finished (queued or sending). Uses Marten's alertId index.</summary>
        public async Task<(long Rows, long Open)> DeliveriesAsync(Guid alertId)
        {
            await using var cmd = new NpgsqlCommand("""
                select count(*), count(*) filter (where data ->> 'status' in ('Queued', 'Sending'))
                from advocacy.mt_doc_delivery where (data ->> 'alertId')::uuid = $1
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = alertId });
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            Reads++;
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        public ValueTask DisposeAsync() => conn.DisposeAsync();
    }

    public async Task<Probe> OpenProbeAsync()
    {
        var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        return new Probe(conn);
    }

    public Task<long> LastJobIdAsync() => Scalar<long>("select coalesce(max(id), 0) from hangfire.job");

    public async Task<List<(string Job, string State, long Count)>> JobsAfterAsync(long lastId)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select coalesce(substring(invocationdata ->> 'Type' from '([A-Za-z]+),'), '?'), coalesce(statename, '?'), count(*)
            from hangfire.job where id > $1 group by 1, 2 order by 1, 2
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = lastId });
        var rows = new List<(string, string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    public Task<long> SucceededAfterAsync(long lastId) =>
        Scalar<long>("select count(*) from hangfire.job where id > $1 and statename = 'Succeeded'", lastId);

    /// <summary>Cumulative counters: commits of this database, and rows written per schema.</summary>
    public sealed record Counters(long Commits, Dictionary<string, long> RowWrites, long At)
    {
        public long WritesIn(string schema) => RowWrites.GetValueOrDefault(schema);
    }

    /// <remarks>
    /// PostgreSQL 15 backends flush their statistics at most once a second, and an idle one only after 10 s, so a
    /// reading is complete only 10 s after the activity it should include (callers wait <see cref="Settle"/>).
    /// </remarks>
    public async Task<Counters> CountersAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var commits = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", conn);
        var c = (long)(await commits.ExecuteScalarAsync())!;
        await using var writes = new NpgsqlCommand(
            "select schemaname, sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint from pg_stat_user_tables group by schemaname", conn);
        var rows = new Dictionary<string, long>();
        await using var reader = await writes.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.GetInt64(1);
        return new Counters(c, rows, Stopwatch.GetTimestamp());
    }

    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(11);

    /// <summary>
    /// The raw write: INSERT (id uuid, data jsonb) of Delivery documents as Marten serializes them, 1,000 rows per
    /// transaction on one connection, either as one NpgsqlBatch per transaction (one round trip) or one prepared
    /// statement per row. The table has only its primary key (Marten's has six more indexes).
    /// </summary>
    public async Task InsertBaselineAsync(Measurement m, IReadOnlyList<string> documents, bool batch)
    {
        const int perTransaction = 1000;
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using (var setup = new NpgsqlCommand("create table if not exists public.bench_delivery_baseline (id uuid primary key, data jsonb not null)", conn))
            await setup.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand("insert into public.bench_delivery_baseline (id, data) values ($1, $2)", conn);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
        await insert.PrepareAsync();

        m.Start();
        for (var start = 0; start + perTransaction <= documents.Count; start += perTransaction)
        {
            var started = Stopwatch.GetTimestamp();
            await using var tx = await conn.BeginTransactionAsync();
            if (batch)
            {
                await using var b = new NpgsqlBatch(conn, tx);
                for (var i = start; i < start + perTransaction; i++)
                {
                    var command = new NpgsqlBatchCommand("insert into public.bench_delivery_baseline (id, data) values ($1, $2)");
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = Guid.CreateVersion7() });
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = documents[i] });
                    b.BatchCommands.Add(command);
                }
                await b.ExecuteNonQueryAsync();
            }
            else
                for (var i = start; i < start + perTransaction; i++)
                {
                    insert.Parameters[0].Value = Guid.CreateVersion7();
                    insert.Parameters[1].Value = documents[i];
                    await insert.ExecuteNonQueryAsync();
                }
            await tx.CommitAsync();
            m.Record(Stopwatch.GetElapsedTime(started), perTransaction);
        }
        m.Stop();
    }

    public Task DropBaselineAsync() => Execute("drop table if exists public.bench_delivery_baseline");
}
