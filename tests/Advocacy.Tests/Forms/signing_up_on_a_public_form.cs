using System.Text.Json;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Alba;
using Marten;

namespace Advocacy.Tests.Forms;

public class signing_up_on_a_public_form(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task the_form_page_is_plain_accessible_html_in_the_asked_language()
    {
        var form = await Host.DefinedForm(FormScenarios.JoinForm());

        var page = await (await Host.Scenario(s => { s.Get.Url("/forms/join?lang=fr"); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();
        page.ShouldContain("<html lang=\"fr\">");
        page.ShouldContain("<h1>Rejoignez-nous</h1>");
        page.ShouldContain("<label for=\"email\">Adresse e-mail <span class=\"req\" aria-hidden=\"true\">*</span></label>");
        foreach (var field in FormScenarios.JoinFields) page.ShouldContain($"name=\"{field}\"");
        page.ShouldNotContain("<script");

        form.Embed.Iframe.ShouldBe($"<iframe src=\"{MessagingFixture.PublicBaseUrl}/forms/join?embed=1\" title=\"Join us\" style=\"width:100%;min-height:640px;border:0\" loading=\"lazy\"></iframe>");
        form.Embed.Html.ShouldContain($"<form method=\"post\" action=\"{MessagingFixture.PublicBaseUrl}/forms/join\">");
        await Host.Scenario(s => { s.Get.Url("/forms/nope"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_submission_creates_a_tagged_contact_with_its_consent_and_where_it_came_from()
    {
        await Host.DefinedForm(FormScenarios.JoinForm());
        var page = await Host.Submit("join", FormScenarios.Answers(), referer: "https://chwcentral.org/reports/design-principles");
        (await page.ReadAsTextAsync()).ShouldContain("Thank you for joining!");

        var advocate = (await Host.AdvocatesWithEmail("amina@example.org")).ShouldHaveSingleItem();
        advocate.Phone.ShouldBe("+254712345678");
        advocate.Country.ShouldBe("KE");
        advocate.Association.ShouldBe("Amref Health Africa");
        advocate.Tags.ShouldBe(["report:design-principles", "role:chw"]);
        advocate.SmsConsent.Status.ShouldBe(ConsentStatus.Given);
        // Email waits for the confirmation link (double opt-in).
        advocate.EmailConsent.Status.ShouldBe(ConsentStatus.Unknown);

        var ledger = await Consents(advocate.Id);
        var sms = ledger.Single(e => e.GetProperty("channel").GetString() == "sms");
        sms.GetProperty("change").GetString().ShouldBe("given");
        sms.GetProperty("wording").GetString().ShouldBe(FormScenarios.SmsWording);
        sms.GetProperty("form").GetString().ShouldBe("join");
        sms.GetProperty("pageUrl").GetString().ShouldBe("https://chwcentral.org/reports/design-principles");
        sms.GetProperty("ipHash").GetString()!.Length.ShouldBe(16);
        var email = ledger.Single(e => e.GetProperty("channel").GetString() == "email");
        email.GetProperty("change").GetString().ShouldBe("requested");
        email.GetProperty("wording").GetString().ShouldBe(FormScenarios.EmailWording);
    }

    [Fact]
    public async Task email_consent_counts_only_once_the_address_is_confirmed()
    {
        await Host.DefinedForm(FormScenarios.JoinForm());
        await Host.Submit("join", FormScenarios.Answers(phone: null, consentSms: false));

        var mail = (await Fixture.Smtp.WaitForEmails(1)).ShouldHaveSingleItem();
        mail.RcptTo.ShouldBe(["amina@example.org"]);
        mail.Message.Subject.ShouldBe("Please confirm your email address");
        var link = FormScenarios.ConfirmationLink().Match(mail.Message.TextBody!).Value;
        link.ShouldStartWith($"{MessagingFixture.PublicBaseUrl}/subscriptions/confirm/");
        var advocate = (await Host.AdvocatesWithEmail("amina@example.org")).ShouldHaveSingleItem();
        advocate.HasPhone.ShouldBeFalse();
        await Host.SendMessage(advocate.Id, "Hello", channel: "email", subject: "Hi", expectedStatus: 409);

        var confirmed = await Host.Scenario(s => { s.Get.Url(new Uri(link).AbsolutePath); s.StatusCodeShouldBe(200); });
        (await confirmed.ReadAsTextAsync()).ShouldContain("Address confirmed");
        var after = await Host.GetAdvocate(advocate.Id);
        after.Consent["email"].Status.ShouldBe("given");
        after.Consent["email"].Source.ShouldBe("form:join (confirmed)");
        var given = (await Consents(advocate.Id)).Single(e => e.GetProperty("change").GetString() == "given");
        given.GetProperty("wording").GetString().ShouldBe(FormScenarios.EmailWording);

        // A second click (or a mail scanner) changes nothing; a forged token is not recognised.
        await Host.Scenario(s => { s.Get.Url(new Uri(link).AbsolutePath); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url(new Uri(link).AbsolutePath[..^3] + "abc"); s.StatusCodeShouldBe(404); });
        (await Host.GetAdvocate(advocate.Id)).Version.ShouldBe(after.Version);
    }

    [Fact]
    public async Task repeated_submissions_update_one_contact_and_send_one_confirmation()
    {
        await Host.DefinedForm(FormScenarios.JoinForm(tags: ["report:design-principles"]));
        await Host.DefinedForm(FormScenarios.JoinForm(slug: "stay-in-touch", tags: ["updates"]));
        await Host.Submit("join", FormScenarios.Answers(email: "Amina@Example.org"));
        await Host.Submit("join", FormScenarios.Answers());
        // The same phone with another address finds the same contact, whose address is kept.
        await Host.Submit("stay-in-touch", FormScenarios.Answers(email: "other@example.org", name: "Someone Else"));

        var advocate = (await Host.AdvocatesWithEmail("amina@example.org")).ShouldHaveSingleItem();
        advocate.Name.ShouldBe("Amina Njeri");
        advocate.Tags.ShouldBe(["report:design-principles", "role:chw", "updates"]);
        (await Host.AdvocateCount()).ShouldBe(1);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Delivery>().CountAsync(d => d.Kind == DeliveryKinds.Confirmation)).ShouldBe(1);

        // After the window a new request sends a new confirmation.
        Fixture.Clock.Set(TestClock.Daytime.AddMinutes(11));
        await Host.Submit("join", FormScenarios.Answers());
        (await session.Query<Delivery>().CountAsync(d => d.Kind == DeliveryKinds.Confirmation)).ShouldBe(2);
    }

    [Fact]
    public async Task a_filled_honeypot_looks_like_success_and_stores_nothing()
    {
        await Host.DefinedForm(FormScenarios.JoinForm());
        var answers = FormScenarios.Answers(email: "bot@example.org", phone: "0799 000 111");
        answers["website"] = "http://spam.example";
        var page = await Host.Submit("join", answers);
        (await page.ReadAsTextAsync()).ShouldContain("Thank you for joining!");
        (await Host.AdvocateCount()).ShouldBe(0);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Delivery>().CountAsync(d => d.To == "bot@example.org")).ShouldBe(0);
    }

    [Fact]
    public async Task a_bad_submission_gets_the_form_back_with_its_errors_and_stores_nothing()
    {
        await Host.DefinedForm(FormScenarios.JoinForm());
        var answers = FormScenarios.Answers(email: "not-an-email", phone: "12", name: "<script>alert(1)</script>");
        answers.Remove("country");
        var html = await (await Host.Submit("join", answers, status: 400)).ReadAsTextAsync();
        html.ShouldContain("<p class=\"error\" id=\"email-error\">Enter a valid email address, e.g. name@example.org.</p>");
        html.ShouldContain("<p class=\"error\" id=\"country-error\">This field is required.</p>");
        html.ShouldContain("id=\"phone-error\"");
        html.ShouldContain("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("Exception");
        (await Host.AdvocateCount()).ShouldBe(0);

        // Over the size limit: the form again, 413, nothing stored.
        answers = FormScenarios.Answers();
        answers["organisation"] = new string('x', 20_000);
        await Host.Submit("join", answers, status: 413);
        (await Host.AdvocateCount()).ShouldBe(0);
    }

    [Fact]
    public async Task too_many_submissions_from_one_address_are_refused_with_the_form()
    {
        await Host.DefinedForm(FormScenarios.JoinForm());
        var ip = FormScenarios.NextIp();
        for (var i = 0; i < MessagingFixture.FormSubmissionsPerMinute; i++)
            await Host.Submit("join", FormScenarios.Answers(email: $"person{i}@example.org", phone: null, consentSms: false), ip: ip);

        var refused = await Host.Submit("join", FormScenarios.Answers(email: "one-too-many@example.org", phone: null, consentSms: false), status: 429, ip: ip);
        var html = await refused.ReadAsTextAsync();
        html.ShouldContain("Too many submissions from your connection");
        html.ShouldContain("<form method=\"post\"");
        (await Host.AdvocatesWithEmail("one-too-many@example.org")).ShouldBeEmpty();
        (await Host.AdvocateCount()).ShouldBe(MessagingFixture.FormSubmissionsPerMinute);

        // Another address is not affected.
        await Host.Submit("join", FormScenarios.Answers(email: "neighbour@example.org", phone: null, consentSms: false));
    }

    private async Task<JsonElement[]> Consents(Guid advocateId)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocateId}/consents"); s.AsAdmin(); });
        return [.. JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray()];
    }
}
