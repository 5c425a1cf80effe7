using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Bench;

/// <summary>Enrolling advocates: through the HTTP API (the whole stack), and straight into Marten (the domain's cost).</summary>
public static class EnrolmentBench
{
    /// <summary>POST /api/advocates from <paramref name="clients"/> concurrent clients; every answer must be 201.</summary>
    public static async Task Http(Measurement m, HttpClient client, SampleAdvocates sample, int count, int clients)
    {
        var next = -1;
        m.Start();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count) await Enrol(client, sample, m);
        }));
        m.Stop();
    }

    public static async Task Enrol(HttpClient client, SampleAdvocates sample, Measurement? m = null)
    {
        var body = SampleAdvocates.Body(sample.Next());
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync("/api/advocates", body);
        var elapsed = Stopwatch.GetElapsedTime(started);
        // A wrong key, a validation change or a server error would make every figure meaningless: stop.
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(
                $"POST /api/advocates answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        m?.Record(elapsed);
    }

    /// <summary>
    /// What the enrolment handler writes, without HTTP, Wolverine or the duplicate-phone read: the stream
    /// with its AdvocateEnrolled event (the inline snapshot rides along) plus the phone claim,
    /// <paramref name="perSave"/> advocates per SaveChangesAsync. <paramref name="shape"/> adjusts each sample (the
    /// dispatch bench gives everyone SMS consent).
    /// </summary>
    public static async Task Domain(Measurement m, IDocumentStore store, SampleAdvocates sample, int count, int perSave,
        Func<EnrollAdvocate, EnrollAdvocate>? shape = null)
    {
        m.Start();
        for (var saved = 0; saved < count; saved += perSave)
        {
            var started = Stopwatch.GetTimestamp();
            var batch = Math.Min(perSave, count - saved);
            await using var session = store.LightweightSession();
            for (var i = 0; i < batch; i++)
            {
                var id = Guid.CreateVersion7();
                var next = sample.Next();
                var enrolled = EnrollAdvocateHandler.Decide(shape is null ? next : shape(next), id, DateTimeOffset.UtcNow);
                session.Events.StartStream<Advocate>(id, enrolled);
                session.Insert(new PhoneClaim(enrolled.Phone, id));
            }
            await session.SaveChangesAsync();
            m.Record(Stopwatch.GetElapsedTime(started), batch);
        }
        m.Stop();
    }
}
