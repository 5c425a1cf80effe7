using System.Diagnostics;
using System.Text.Json;
using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Bench;

/// <summary>GET /api/advocates latency over a large population, beside the trivial ping through the same client.</summary>
public static class SearchBench
{
    public const int SeedBatch = 1000;

    /// <summary>Tops the bench database up to <paramref name="target"/> advocates; a second run reuses them.</summary>
    public static async Task<(long Before, Measurement? Seeding)> EnsureSeededAsync(IDocumentStore store, SampleAdvocates sample, int target)
    {
        long before;
        await using (var query = store.QuerySession())
            before = await query.Query<Advocate>().CountAsync();
        var missing = (int)Math.Max(0, target - before);
        if (missing == 0) return (before, null);

        Console.WriteLine($"Seeding {missing:N0} advocates ({before:N0} present), {SeedBatch} per SaveChanges...");
        var seeding = new Measurement($"Marten StartStream + PhoneClaim, {SeedBatch} per SaveChanges (seeding)");
        await EnrolmentBench.Domain(seeding, store, sample, missing, SeedBatch);
        return (before, seeding);
    }

    public record Shape(string Name, Func<int, string> Url);

    /// <summary>
    /// Requests round-robin over the shapes, so drift on a shared machine hits every shape (and the baseline)
    /// alike. Each shape is warmed first: Wolverine compiles an endpoint's code on its first call.
    /// </summary>
    public static async Task<(Measurement Result, long? Total)[]> RunAsync(HttpClient client, Shape[] shapes, int perShape)
    {
        var totals = new long?[shapes.Length];
        for (var s = 0; s < shapes.Length; s++)
            for (var i = 0; i < 3; i++)
                totals[s] = await Get(client, shapes[s].Url(i), readTotal: true);

        var results = shapes.Select(s => new Measurement(s.Name).Start()).ToArray();
        for (var i = 0; i < perShape; i++)
            for (var s = 0; s < shapes.Length; s++)
            {
                var started = Stopwatch.GetTimestamp();
                await Get(client, shapes[s].Url(i), readTotal: false);
                results[s].Record(Stopwatch.GetElapsedTime(started));
            }
        return results.Select((m, s) => (m.Stop(), totals[s])).ToArray();
    }

    /// <summary>The body is read in full (the client pays for the transfer); the page's total is kept for the report.</summary>
    private static async Task<long?> Get(HttpClient client, string url, bool readTotal)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        if (!readTotal || !body.StartsWith('{')) return null;
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("total", out var total) ? total.GetInt64() : null;
    }

    /// <summary>Ids to read one by one, for the point-read reference row.</summary>
    public static async Task<Guid[]> SomeIdsAsync(IDocumentStore store, int count)
    {
        await using var query = store.QuerySession();
        return (await query.Query<Advocate>().Take(count).Select(a => a.Id).ToListAsync()).ToArray();
    }
}
