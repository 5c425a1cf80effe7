using System.Text.Json;
using Advocacy.Web.Advocates;
using Advocacy.Web.Alerts;
using Advocacy.Tests.Imports;
using Advocacy.Web.Campaigns;
using Alba;
using Npgsql;

namespace Advocacy.Tests.Security;

/// <summary>
/// An Admin erases an advocate on their request: the person is gone from every table, the tombstone stays, the
/// network's counts are what they were, and nothing is ever sent to them again.
/// </summary>
public class erasing_an_advocate(AppFixture app) : AppTest(app)
{
    private const string Name = "Zawadi Achieng";
    private const string Phone = "+254722987654";
    private const string Email = "zawadi.achieng@example.org";

    [Fact]
    public async Task the_person_is_nowhere_in_the_database_but_the_counts_are_intact()
    {
        var zawadi = await Host.EnrolledAdvocate(Name, "0722 987 654", "KE", email: Email, tags: ["paychws"]);
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG");
        var campaign = await Host.ActiveCampaign();
        var alert = await Host.DraftedAlert(campaign);
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, 2);
        await Inbound(Phone, "DONE");
        await Inbound(Phone, $"This is {Name}, write to {Email} or call {Phone}");
        var direct = await Host.SendMessage(zawadi.Id, $"Thank you {Name}!");
        await Host.WaitUntilFinished(direct.Id);
        await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "countchws" } }).ToUrl($"/api/advocates/{zawadi.Id}/tags"); s.AsAdmin(); });
        await Host.Scenario(s => { s.Post.Json(new { channel = "email", source = "organizer" }).ToUrl($"/api/advocates/{zawadi.Id}/opt-out"); s.AsAdmin(); });
        // A row of a CSV import that failed keeps its cells as typed.
        var import = await Host.Imported(ImportScenarios.Utf8($"Name,Phone,Country,Language\r\n{Name},0722 987 654,ZZ,en\r\n"));
        import.Failed.ShouldBe(1);
        var funnel = (await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 2, Replied: 1, Acted: 1 })).Funnel!;
        var figures = (await CampaignPage(campaign)).Funnel;
        (await PlacesHolding(Name, Phone, Email)).ShouldNotBeEmpty(); // the search below does find them when they are there

        var erased = await Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "Asked by SMS on 2 December" }).ToUrl($"/api/advocates/{zawadi.Id}/erase");
            s.AsAdmin();
            s.StatusCodeShouldBe(200);
        });
        var tombstone = await erased.Read<AdvocateView>();
        tombstone.Name.ShouldBe("Erased advocate");
        tombstone.Status.ShouldBe("erased");
        tombstone.Email.ShouldBeNull();

        (await PlacesHolding(Name, Phone, Email)).ShouldBeEmpty();
        JsonSerializer.Serialize((await Host.WaitForAlert(alert, _ => true)).Funnel).ShouldBe(JsonSerializer.Serialize(funnel));
        (await CampaignPage(campaign)).Funnel.ShouldBe(figures);

        var export = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{zawadi.Id}/personal-data"); s.AsAdmin(); })).ReadAsTextAsync();
        export.ShouldNotContain("Zawadi");
        export.ShouldNotContain("722987654");
        var data = JsonDocument.Parse(export).RootElement;
        data.GetProperty("profile").GetProperty("name").GetString().ShouldBe("Erased advocate");
        data.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString()!.ShouldContain("erased");
        var events = data.GetProperty("events").EnumerateArray().ToList();
        events.Single(e => e.GetProperty("type").GetString()!.Contains("reply_received")).GetProperty("data").GetProperty("text").GetString().ShouldBe("[erased]");
        events.First().GetProperty("data").GetProperty("name").GetString().ShouldBe("Erased advocate");
        data.GetProperty("deliveries").EnumerateArray().ShouldAllBe(d => d.GetProperty("body").GetString() == "[erased]");
        data.GetProperty("inboundMessages").EnumerateArray().ShouldAllBe(m => m.GetProperty("body").GetString() == "[erased]");

        // Never messaged again, not found by the old name or number, and a text from the old number is a stranger's.
        await Host.SendMessage(zawadi.Id, "Are you still there?", expectedStatus: 409);
        await Host.SendMessage(zawadi.Id, "Are you still there?", channel: "email", subject: "Hello", expectedStatus: 409);
        foreach (var q in new[] { "zawadi", "722987654", "example.org" })
        {
            var list = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates?q={q}&includeMerged=true"); s.AsAdmin(); })).ReadAsTextAsync();
            list.ShouldNotContain(zawadi.Id.ToString());
        }
        (await Host.GetAdvocate(zawadi.Id)).Status.ShouldBe("erased");
        var next = await Host.DraftedAlert(campaign);
        await Host.ScheduleAlert(next);
        (await Host.WaitUntilSent(next, 1)).Targeted.ShouldBe(1);

        // The timeline says when, by whom and why, and nothing of who they were.
        var timeline = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{zawadi.Id}/timeline"); s.AsAdmin(); })).ReadAsTextAsync();
        timeline.ShouldContain("Personal data erased on request: Asked by SMS on 2 December");
        timeline.ShouldNotContain("Zawadi");
    }

    [Fact]
    public async Task only_an_admin_erases_with_a_reason_once()
    {
        var zawadi = await Host.EnrolledAdvocate(Name, "0722 987 654", "KE", email: Email);
        var organizer = await Host.KeyFor(Advocacy.Web.Auth.Roles.Organizer);
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.WithKey(organizer); s.StatusCodeShouldBe(403); });
        var missing = await Host.Scenario(s => { s.Post.Json(new { reason = " " }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await missing.Problem()).ErrorsFor("reason").ShouldNotBeEmpty();
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{Guid.NewGuid()}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        (await Host.GetAdvocate(zawadi.Id)).Name.ShouldBe(Name);

        // Two Admins pressing at once: one erases, the other is told it is done.
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{zawadi.Id}/erase");
            s.AsAdmin();
            s.IgnoreStatusCode();
        })));
        both.Select(r => r.Context.Response.StatusCode).Order().ShouldBe([200, 409]);
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked again" }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        (await Host.GetAdvocate(zawadi.Id)).Name.ShouldBe("Erased advocate");
        // Nor can anyone change the tombstone back into a person.
        await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "x" } }).ToUrl($"/api/advocates/{zawadi.Id}/tags"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }

    private Task<IScenarioResult> Inbound(string from, string body) =>
        Host.Scenario(s => { s.Post.Json(new { from, body }).ToUrl("/api/dev/sms/inbound"); s.AsAdmin(); });

    private async Task<CampaignView> CampaignPage(Guid id) =>
        await (await Host.Scenario(s => { s.Get.Url($"/api/campaigns/{id}"); s.AsAdmin(); })).Read<CampaignView>();

    /// <summary>Every text, jsonb and bytea cell of the app's schemas that holds any of the values: "schema.table.column".</summary>
    private async Task<List<string>> PlacesHolding(params string[] values)
    {
        var patterns = values.Select(v => $"%{v}%").Append("%722987654%").ToArray();
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            """
            select c.table_schema, c.table_name, c.column_name, c.data_type from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema in ('advocacy', 'wolverine', 'hangfire')
              and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        columns.ShouldContain(c => c.Table == "mt_events");

        var places = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var cell = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\" where {cell} ilike any(@p)", connection);
            count.Parameters.AddWithValue("p", patterns);
            if ((long)(await count.ExecuteScalarAsync())! > 0) places.Add($"{schema}.{table}.{column}");
        }
        return places;
    }
}
