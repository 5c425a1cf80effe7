using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Advocacy.Bench;

/// <summary>
/// A trimmed copy of the tests' fake Twilio (tests/Advocacy.Tests/Fakes/FakeTwilioServer*.cs): Kestrel on
/// 127.0.0.1, port 0, answering POST …/Messages.json with 201 and a message resource, and an empty page for the
/// list resource (only reconciliation reads it). No scripting, so it never answers 429; no status callbacks.
/// Each message is counted under its body's first word (the bench starts every alert text with a run marker),
/// with its arrival time and recipient, so runs never mix and a duplicate recipient is seen.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "bench-fake-twilio-auth-token";
    public const string From = "+15005550006";

    private static readonly string ExpectedAuthorization =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    private readonly Dictionary<string, Tally> _tallies = [];
    private readonly Lock _gate = new();
    private WebApplication? _app;
    private int _inFlight;

    public string BaseUrl { get; private set; } = "";
    public int PeakInFlight;
    public long Refused; // non-2xx answers (bad auth or form); 429 is never sent
    public long Untracked; // accepted messages whose marker no run tracks

    /// <summary>Arrivals of one run's messages (Stopwatch timestamps) and their recipients.</summary>
    public sealed class Tally
    {
        public readonly List<long> Arrivals = new(1024);
        public readonly HashSet<string> Recipients = [];
        public int Duplicates;
        public int Count { get { lock (Arrivals) return Arrivals.Count; } }
        public long[] Snapshot() { lock (Arrivals) return [.. Arrivals]; }
    }

    /// <summary>X-Twilio-Signature as Twilio computes it (HMAC-SHA1 over the URL and the form sorted by key).</summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public Tally Track(string marker)
    {
        lock (_gate) return _tallies[marker] = new Tally();
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var fake = new FakeTwilio();
        // The empty builder reads no appsettings or environment: nothing can add endpoints, ports or logging.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.CreateAsync);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (HttpContext c) =>
            c.Response.WriteAsync("{\"messages\":[],\"next_page_uri\":null}"));
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().TrimEnd('/');
        return fake;
    }

    private async Task CreateAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref PeakInFlight)) && Interlocked.CompareExchange(ref PeakInFlight, inFlight, peak) != peak) { }
        try
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            string to = form?["To"].ToString() ?? "", body = form?["Body"].ToString() ?? "";
            if (context.Request.Headers.Authorization.ToString() != ExpectedAuthorization
                || context.Request.RouteValues["sid"] as string != AccountSid
                || to.Length == 0 || body.Length == 0 || string.IsNullOrEmpty(form?["From"].ToString()))
            {
                Interlocked.Increment(ref Refused);
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("{\"code\":21604,\"message\":\"Bad request\",\"status\":400}");
                return;
            }

            var space = body.IndexOf(' ');
            Tally? tally;
            lock (_gate) _tallies.TryGetValue(space > 0 ? body[..space] : body, out tally);
            if (tally is null) Interlocked.Increment(ref Untracked);
            else
                lock (tally.Arrivals)
                {
                    tally.Arrivals.Add(Stopwatch.GetTimestamp());
                    if (!tally.Recipients.Add(to)) tally.Duplicates++;
                }

            var sid = "SM" + Guid.NewGuid().ToString("N");
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $"{{\"sid\":\"{sid}\",\"account_sid\":\"{AccountSid}\",\"to\":\"{to}\",\"status\":\"queued\",\"num_segments\":\"1\"," +
                $"\"date_created\":\"{DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\",\"direction\":\"outbound-api\"}}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
