using Advocacy.Tests.Imports;
using Alba;

namespace Advocacy.Tests.Security;

/// <summary>
/// Everything the host logs while advocates are enrolled, searched, messaged, answer by SMS, are imported and send
/// bad input, captured by a logger provider of the test host: none of their phone numbers or emails appears.
/// </summary>
public class personal_data_never_reaches_the_logs(HardeningFixture fixture) : HardeningTest(fixture)
{
    private static readonly string[] PersonalData =
    [
        "+254712345678", "254712345678", "0712 345 678", "0712345678", "amina.njeri@example.org", "amina.njeri%40example.org",
        "+231770123456", "231770123456", "musu.kollie@example.org", "+23177012", "bad.row@example.org",
    ];

    [Fact]
    public async Task enrolling_searching_messaging_answering_importing_and_bad_input_log_no_phone_or_email()
    {
        Fixture.Logs.Clear();
        Fixture.Clock.Set(TestClock.Daytime); // the SMS to Nairobi goes at once
        var amina = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE", email: "amina.njeri@example.org");
        await Post("/api/advocates", new { name = "Amina Njeri", phone = "0712 345 678", country = "KE", language = "en", email = "amina.njeri@example.org" }, 409);
        await Post("/api/advocates", new { name = "Amina", phone = "+23177012", country = "KE", language = "en", email = "amina.njeri@example" }, 400);
        await Post($"/api/advocates/{amina.Id}/merge", new { duplicateId = "+254712345678" }, 400);
        await Host.Scenario(s =>
        {
            s.Post.Text("""{"name": "Amina", "phone": {"number": "+254712345678"}, "email": ["amina.njeri@example.org"]}""").ToUrl("/api/advocates");
            s.WithRequestHeader("Content-Type", "application/json");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        await Host.Scenario(s =>
        {
            s.Patch.Json(new { phone = "0712 345 678x", email = "amina.njeri@example.org@" }).ToUrl($"/api/advocates/{amina.Id}");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        foreach (var q in new[] { "+254712345678", "amina.njeri@example.org", "0712 345 678" })
            await Host.Scenario(s => { s.Get.Url("/api/advocates").QueryString("q", q); s.AsAdmin(); });

        var sms = await Host.SendMessage(amina.Id, "The budget hearing is Friday. Call your MP!");
        await Host.WaitUntilFinished(sms.Id);
        await Host.WaitUntilFinished((await Host.SendMessage(amina.Id, "Hello", channel: "email", subject: "Hello")).Id);
        await Post("/api/dev/sms/inbound", new { from = "+254712345678", body = "DONE" }, 200);
        await Post("/api/dev/sms/inbound", new { from = "+254712345678", body = "STOP" }, 200);
        await Host.SendMessage(amina.Id, "Still there?", expectedStatus: 409);

        await Host.Imported(ImportScenarios.Utf8("name,phone,email\nMusu Kollie,+231770123456,musu.kollie@example.org\nBad Row,+23177,bad.row@example.org\n"));
        await Host.Scenario(s => { s.Get.Url("/advocates").QueryString("q", "+254712345678"); s.StatusCodeShouldBe(302); });

        var lines = Fixture.Logs.Lines.ToList();
        lines.ShouldNotBeEmpty();
        lines.ShouldContain(l => l.Contains("Invocation of", StringComparison.Ordinal)); // refused commands were logged, redacted
        var leaks = lines.Where(l => PersonalData.Any(p => l.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        leaks.ShouldBeEmpty();
    }

    private Task<IScenarioResult> Post(string url, object body, int status) => Host.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(url);
        s.AsAdmin();
        s.StatusCodeShouldBe(status);
    });
}
