using System.Text;
using Advocacy.Domain.Messaging;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Messaging;
using Alba;
using Marten;

namespace Advocacy.Tests.Infrastructure;

public static class MessagingScenarios
{
    public static async Task<DeliveryView> SendMessage(this IAlbaHost host, Guid advocateId, string body,
        string channel = "sms", string? subject = null, int expectedStatus = 202, string? idempotencyKey = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { channel, body, subject }).ToUrl($"/api/advocates/{advocateId}/messages");
            if (idempotencyKey is not null) s.WithRequestHeader("Idempotency-Key", idempotencyKey);
            s.AsAdmin();
            s.StatusCodeShouldBe(expectedStatus);
        });
        return expectedStatus == 202 ? await result.Read<DeliveryView>() : null!;
    }

    /// <summary>Waits (polling the database, bounded) for background sending to bring a delivery to a state.</summary>
    public static async Task<Delivery> WaitForDelivery(this IAlbaHost host, Guid id, Func<Delivery, bool> until, int seconds = 20)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var last = await WaitFor.Value(async () =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<Delivery>(id);
        }, d => d is not null && until(d), TimeSpan.FromSeconds(seconds));
        if (last is not null && until(last)) return last;
        var monitor = host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var busy = monitor.ProcessingJobs(0, 10).Select(j => $"{j.Key} {j.Value.Job?.Method.Name}({string.Join(",", j.Value.Job?.Args ?? [])}) since {j.Value.StartedAt:T}");
        throw new TimeoutException($"Delivery {id} did not get there in {seconds}s; last status {last?.Status}, history: " +
                                   string.Join(" → ", last?.History.Select(h => $"{h.Status} {h.Detail}") ?? []) +
                                   $"; Hangfire is processing: {string.Join("; ", busy)}; enqueued: {monitor.EnqueuedCount("default")}; servers: {string.Join(", ", monitor.Servers().Select(s => $"{s.Name} workers={s.WorkersCount} beat={s.Heartbeat:T}"))}");
    }

    public static Task<Delivery> WaitUntilFinished(this IAlbaHost host, Guid id) => host.WaitForDelivery(id, d => d.IsFinished);

    /// <summary>Posts a form to a Twilio webhook, signed as Twilio signs it (or with the given signature).</summary>
    public static Task<IScenarioResult> PostTwilio(this IAlbaHost host, string pathAndQuery, Dictionary<string, string> form,
        int expectedStatus = 200, string? signature = null) => host.Scenario(s =>
    {
        var url = MessagingFixture.PublicBaseUrl + pathAndQuery;
        var body = string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var parts = pathAndQuery.Split('?', 2);
        var send = s.Post.Text(body).ToUrl(parts[0]);
        // Alba takes the query separately; the signature covers it as Twilio sees the URL.
        foreach (var pair in parts.Length > 1 ? parts[1].Split('&') : [])
            send.QueryString(pair.Split('=')[0], Uri.UnescapeDataString(pair.Split('=', 2)[1]));
        s.WithRequestHeader("Content-Type", "application/x-www-form-urlencoded");
        s.WithRequestHeader("X-Twilio-Signature", signature ?? FakeTwilioServer.Sign(url, form));
        s.StatusCodeShouldBe(expectedStatus);
    });

    private static int _sid;

    public static Dictionary<string, string> InboundForm(string from, string body, string? sid = null) => new()
    {
        ["MessageSid"] = sid ?? $"SM{Interlocked.Increment(ref _sid):D32}",
        ["AccountSid"] = FakeTwilioServer.AccountSid,
        ["From"] = from,
        ["To"] = FakeTwilioServer.DefaultFrom,
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    public static async Task<string?> ReplyText(this IScenarioResult result)
    {
        var xml = System.Xml.Linq.XDocument.Parse(await result.ReadAsTextAsync());
        return xml.Root?.Element("Message")?.Value;
    }
}
