using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpgsqlTypes;

namespace Advocacy.Bench;

/// <summary>
/// What the app's figures are divided by: the same work done the cheapest way on the same machine in the
/// same run (DESIGN.md: absolute times on these shared machines drift, ratios survive).
/// </summary>
public static class Baselines
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Raw Npgsql: INSERT (id uuid, data jsonb) of the advocate document Marten would store, one prepared
    /// statement per row. rowsPerTransaction 1 is autocommit (one fsync per row, like one enrolment per
    /// request); 100 mirrors the batched domain figure. Each client has its own connection.
    /// </summary>
    public static async Task<Measurement> NpgsqlInserts(string connectionString, SampleAdvocates sample, int rows, int clients, int rowsPerTransaction)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var setup = data.CreateCommand(
            "create table if not exists public.bench_baseline (id uuid primary key, data jsonb not null); truncate public.bench_baseline"))
            await setup.ExecuteNonQueryAsync();

        // JSON made up front: the baseline measures the database round trip, not the serializer.
        var documents = Enumerable.Range(0, rows).Select(_ =>
        {
            var id = Guid.CreateVersion7();
            var advocate = Advocate.Create(EnrollAdvocateHandler.Decide(sample.Next(), id, DateTimeOffset.UtcNow));
            return (id, JsonSerializer.Serialize(advocate, Json));
        }).ToArray();

        var name = rowsPerTransaction == 1
            ? $"Npgsql INSERT, autocommit, {clients} conn"
            : $"Npgsql INSERT, {rowsPerTransaction} per transaction, {clients} conn";
        var m = new Measurement(name) { ItemsPerOperation = rowsPerTransaction };
        var next = -1;
        var batches = rows / rowsPerTransaction;
        m.Start();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var conn = await data.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("insert into public.bench_baseline (id, data) values ($1, $2)", conn);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.PrepareAsync();
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var started = Stopwatch.GetTimestamp();
                await using var tx = rowsPerTransaction > 1 ? await conn.BeginTransactionAsync() : null;
                for (var i = batch * rowsPerTransaction; i < (batch + 1) * rowsPerTransaction; i++)
                {
                    insert.Parameters[0].Value = documents[i].id;
                    insert.Parameters[1].Value = documents[i].Item2;
                    await insert.ExecuteNonQueryAsync();
                }
                if (tx is not null) await tx.CommitAsync();
                m.Record(Stopwatch.GetElapsedTime(started));
            }
        }));
        m.Stop();

        await using (var drop = data.CreateCommand("drop table public.bench_baseline")) await drop.ExecuteNonQueryAsync();
        return m;
    }

    public const string PingPath = "/bench/ping";

    /// <summary>
    /// The trivial request: answered in the host's pipeline before routing, auth and the database, through
    /// the same client and server as the API calls. /health is no baseline: it opens a database connection.
    /// </summary>
    public sealed class PingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(PingPath, ping => ping.Run(http => http.Response.WriteAsync("pong")));
            next(app);
        };
    }
}
