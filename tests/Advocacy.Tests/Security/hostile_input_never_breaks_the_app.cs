using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Webhooks;
using Marten;
using Npgsql;
using Xunit.Abstractions;

namespace Advocacy.Tests.Security;

/// <summary>
/// Every endpoint of docs/authorization.md (except the pages) gets malformed bodies and query values, as an Admin so the
/// input reaches the code, with webhooks properly signed: always a 4xx that says what is wrong, never a 500, and
/// nothing written. The generator is seeded: set ADVOCACY_FUZZ_SEED to replay a printed seed.
/// </summary>
public class hostile_input_never_breaks_the_app(MessagingFixture fixture, ITestOutputHelper output) : MessagingTest(fixture)
{
    private static readonly string[] QueryNoise = ["page=-1&pageSize=1000000", "page=abc", "country=%00%FF", "asOf=9999-99-99", "days=99999999999",
        "q=" + new string('%', 3) + "E0", "consent=%27%3B%20drop%20table", "limit=-5", "trained=maybe", "current=2"];

    [Fact]
    public async Task every_endpoint_answers_malformed_input_with_a_clear_4xx_and_writes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ADVOCACY_FUZZ_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"fuzz seed: {seed} (replay with ADVOCACY_FUZZ_SEED={seed})");
        var bodies = new HostileBodies(seed);
        var random = new Random(seed);
        var rows = AuthorizationMatrix.Read().Where(r => r.Method is not ("PAGE" or "ANY")).ToList();
        var client = Host.Server.CreateClient();
        var failures = new List<string>();
        var before = await RowCounts();
        var started = DateTime.UtcNow;

        foreach (var row in rows)
        {
            var url = AuthorizationMatrix.SampleUrl(row.Route);
            if (row.Method == "GET")
            {
                foreach (var noise in QueryNoise.OrderBy(_ => random.Next()).Take(4))
                    await Check(row, $"query {noise}", await client.SendAsync(Request(row, $"{url}?{noise}", null)));
                continue;
            }
            foreach (var body in bodies.For(webhookForm: row.Route.StartsWith("/webhooks")))
                await Check(row, body.ToString(), await client.SendAsync(Request(row, url, body)));
        }
        foreach (var (kind, csv) in HostileBodies.CsvBombs())
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "bomb.csv" } };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/advocates") { Content = form };
            request.Headers.Authorization = new("Bearer", HostFixture.AdminKey);
            await Check(new MatrixRow("POST", "/api/imports/advocates", "key", []), $"CSV bomb: {kind}", await client.SendAsync(request));
        }

        output.WriteLine($"{rows.Count} endpoints in {DateTime.UtcNow - started:mm\\:ss}");
        failures.ShouldBeEmpty($"seed {seed}");
        (await RowCounts()).ShouldBe(before, $"seed {seed}: rows written by refused requests");

        async Task Check(MatrixRow row, string what, HttpResponseMessage response)
        {
            using (response)
            {
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                if (status >= 500) failures.Add($"{row.Key} with {what}: {status} {Excerpt(text)}");
                else if (status is >= 200 and < 300 && !row.Route.StartsWith("/webhooks/twilio") && !row.Route.StartsWith("/api/sms/segments") && row.Method != "GET")
                    failures.Add($"{row.Key} with {what}: accepted ({status}) {Excerpt(text)}");
                else if (status is 400 or 413 or 415 && text.Trim().Length == 0)
                    failures.Add($"{row.Key} with {what}: {status} with no message");
            }
        }
    }

    private HttpRequestMessage Request(MatrixRow row, string url, HostileBody? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Bytes);
            if (body.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        }
        if (row.Credentials == "key") request.Headers.Authorization = new("Bearer", HostFixture.AdminKey);
        if (row.Route == "/webhooks/email/events" && body is not null)
            request.Headers.TryAddWithoutValidation(EmailEventsWebhook.SignatureHeader, EmailEventsWebhook.Sign(MessagingFixture.EmailWebhookSecret, Encoding.UTF8.GetString(body.Bytes)));
        if (row.Route.StartsWith("/webhooks/twilio") && body is not null)
            request.Headers.TryAddWithoutValidation(TwilioWebhooks.SignatureHeader, FakeTwilioServer.Sign(MessagingFixture.PublicBaseUrl + url, ParsedForm(body.Bytes)));
        return request;
    }

    /// <summary>The form as the server will parse it, so the signature is right and the body itself is what is tested.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ParsedForm(byte[] bytes) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Rows per table of the app's own schema (events, documents), leaving out bookkeeping that moves by itself.</summary>
    private async Task<Dictionary<string, long>> RowCounts()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'advocacy' and table_type = 'BASE TABLE' and table_name not in ('mt_event_progression') order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from advocacy.\"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
