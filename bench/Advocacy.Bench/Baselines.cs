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
/// same run (docs/architecture.md: absolute times on these shared machines drift, ratios survive).
/// </summary>
public static class Baselines
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Raw Npgsql: INSERT (id uuid, data jsonb) of the advocate document Marten would store, one prepared
    /// statement per row. rowsPerTransaction 1 is autocommit (one commit per row, like one enrolment per
    /// request); 100 mirrors the batched domain figure. Each client has its own connection, opened untimed.
    /// </summary>
    public static async Task NpgsqlInserts(Measurement m, string connectionString, SampleAdvocates sample, int rows, int clients, int rowsPerTransaction)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var setup = data.CreateCommand("create table if not exists public.bench_baseline (id uuid primary key, data jsonb not null)"))
            await setup.ExecuteNonQueryAsync();

        // JSON made up front: the baseline measures the database round trip, not the serializer.
        var documents = Enumerable.Range(0, rows).Select(_ =>
        {
            var id = Guid.CreateVersion7();
            var advocate = Advocate.Create(EnrollAdvocateHandler.Decide(sample.Next(), id, DateTimeOffset.UtcNow));
            return (Id: id, Json: JsonSerializer.Serialize(advocate, Json));
        }).ToArray();

        var connections = new List<(NpgsqlConnection Conn, NpgsqlCommand Insert)>();
        for (var c = 0; c < clients; c++)
        {
            var conn = await data.OpenConnectionAsync();
            var insert = new NpgsqlCommand("insert into public.bench_baseline (id, data) values ($1, $2)", conn);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.PrepareAsync();
            connections.Add((conn, insert));
        }

        var next = -1;
        var batches = rows / rowsPerTransaction;
        m.Start();
        await Task.WhenAll(connections.Select(async c =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var started = Stopwatch.GetTimestamp();
                await using var tx = rowsPerTransaction > 1 ? await c.Conn.BeginTransactionAsync() : null;
                for (var i = batch * rowsPerTransaction; i < (batch + 1) * rowsPerTransaction; i++)
                {
                    c.Insert.Parameters[0].Value = documents[i].Id;
                    c.Insert.Parameters[1].Value = documents[i].Json;
                    await c.Insert.ExecuteNonQueryAsync();
                }
                if (tx is not null) await tx.CommitAsync();
                m.Record(Stopwatch.GetElapsedTime(started), rowsPerTransaction);
            }
        }));
        m.Stop();
        foreach (var (conn, insert) in connections)
        {
            await insert.DisposeAsync();
            await conn.DisposeAsync();
        }
    }

    public static async Task DropTableAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var drop = data.CreateCommand("drop table if exists public.bench_baseline");
        await drop.ExecuteNonQueryAsync();
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
