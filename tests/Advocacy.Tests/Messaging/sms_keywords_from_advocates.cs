using Advocacy.Domain.Messaging;
using Advocacy.Web.Advocates;
using Alba;

namespace Advocacy.Tests.Messaging;

public class sms_keywords_from_advocates(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const string Inbound = "/webhooks/twilio/sms";

    [Theory]
    [InlineData("STOP", "en")]
    [InlineData("  stop! ", "en")]
    [InlineData("Arrêt", "fr")]
    [InlineData("PARAR", "pt")]
    [InlineData("unsubscribe", "en")]
    public async Task stop_opts_out_at_once_and_confirms_once_in_the_advocates_language(string text, string language)
    {
        var advocate = await Enrolled(language);
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        reply.ShouldBe(SmsReplies.For(ReplyKind.StopConfirmed, language));

        var after = await Host.GetAdvocate(advocate.Id);
        after.Consent["sms"].Status.ShouldBe("optedOut");
        after.Consent["sms"].Source.ShouldBe("keyword");

        var again = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        again.ShouldBeNull();
        await Host.SendMessage(advocate.Id, "Still there?", expectedStatus: 409);
    }

    [Theory]
    [InlineData("START", "en")]
    [InlineData("commencer", "fr")]
    [InlineData("Iniciar", "pt")]
    public async Task start_reverses_a_stop(string text, string language)
    {
        var advocate = await Enrolled(language);
        await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, "STOP"));
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        reply.ShouldBe(SmsReplies.For(ReplyKind.StartConfirmed, language));
        (await Host.GetAdvocate(advocate.Id)).Consent["sms"].Status.ShouldBe("given");
    }

    [Theory]
    [InlineData("HELP", "en")]
    [InlineData("aide", "fr")]
    [InlineData("AJUDA", "pt")]
    [InlineData("info", "fr")]
    public async Task help_answers_who_we_are_in_their_language(string text, string language)
    {
        var advocate = await Enrolled(language);
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        reply.ShouldBe(SmsReplies.For(ReplyKind.Help, language));
        (await Host.GetAdvocate(advocate.Id)).Version.ShouldBe(1);
    }

    [Theory]
    [InlineData("DONE", "en")]
    [InlineData("fait", "fr")]
    [InlineData("Feito", "pt")]
    public async Task done_records_that_the_advocate_acted(string text, string language)
    {
        var advocate = await Enrolled(language);
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        reply.ShouldBe(SmsReplies.For(ReplyKind.DoneThanks, language));
        (await TimelineTypes(advocate.Id)).ShouldContain("actionTaken");
    }

    [Theory]
    [InlineData("FR", "en", "fr")]
    [InlineData("english", "pt", "en")]
    [InlineData("Português", "fr", "pt")]
    public async Task a_language_keyword_switches_language_and_confirms_in_the_new_one(string text, string from, string to)
    {
        var advocate = await Enrolled(from);
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, text))).ReplyText();
        reply.ShouldBe(SmsReplies.For(ReplyKind.LanguageChanged, to));
        (await Host.GetAdvocate(advocate.Id)).Language.ShouldBe(to);
    }

    [Theory]
    [InlineData("+254712000111", "JOIN Wanjiru Mwangi", "KE", "en")]
    [InlineData("+2250707000111", "rejoindre Aya Kouamé", "CI", "fr")]
    [InlineData("+258841000111", "ADERIR Ana Sitoe", "MZ", "pt")]
    public async Task join_from_an_unknown_number_enrols_with_consent_and_welcomes(string from, string text, string country, string language)
    {
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(from, text))).ReplyText();
        var list = await Host.Scenario(s => { s.Get.Url($"/api/advocates?q={Uri.EscapeDataString(from)}"); s.AsAdmin(); });
        var joined = (await list.Read<AdvocatePage>()).Items.ShouldHaveSingleItem();
        joined.Country.ShouldBe(country);
        joined.Language.ShouldBe(language);
        joined.Consent["sms"].Status.ShouldBe("given");
        joined.Consent["sms"].Source.ShouldBe("keyword");
        reply.ShouldBe(SmsReplies.For(ReplyKind.JoinWelcome, language, joined.Name));
    }

    [Fact]
    public async Task anything_else_is_kept_on_the_timeline_and_unknown_numbers_are_kept_too()
    {
        var advocate = await Enrolled("en");
        var reply = await (await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, "I met the district health officer"))).ReplyText();
        reply.ShouldBeNull();
        (await TimelineTypes(advocate.Id)).ShouldContain("replyReceived");

        await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm("+254799000222", "who is this?"));
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        (await Marten.QueryableExtensions.ToListAsync(session.Query<InboundMessage>().Where(m => m.From == "+254799000222"))).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_replayed_webhook_is_applied_once()
    {
        var advocate = await Enrolled("en");
        var form = MessagingScenarios.InboundForm(advocate.Phone, "DONE", sid: "SM0000000000000000000000000000REPLAY");
        await Host.PostTwilio(Inbound, form);
        var second = await (await Host.PostTwilio(Inbound, form)).ReplyText();
        second.ShouldBeNull();
        (await TimelineTypes(advocate.Id)).Count(t => t == "actionTaken").ShouldBe(1);
    }

    [Fact]
    public async Task a_missing_or_wrong_signature_is_refused_and_changes_nothing()
    {
        var advocate = await Enrolled("en");
        await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, "STOP"), 403, signature: "bm90IGEgc2lnbmF0dXJl");
        await Host.Scenario(s =>
        {
            s.Post.Text("From=%2B254712345678&Body=STOP&MessageSid=SM1").ToUrl(Inbound);
            s.WithRequestHeader("Content-Type", "application/x-www-form-urlencoded");
            s.StatusCodeShouldBe(403);
        });
        (await Host.GetAdvocate(advocate.Id)).Consent["sms"].Status.ShouldBe("given");
        await Host.PostTwilio($"/webhooks/twilio/status?d={Guid.NewGuid():N}", new() { ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered" }, 403, signature: "AAAA");
    }

    [Fact]
    public async Task the_consent_ledger_keeps_the_proof_of_a_stop()
    {
        var advocate = await Enrolled("fr");
        await Host.PostTwilio(Inbound, MessagingScenarios.InboundForm(advocate.Phone, "Arrêt", sid: "SM00000000000000000000000000000LEDGER"));
        var csv = await (await Host.Scenario(s => { s.Get.Url($"/api/consent-ledger?advocateId={advocate.Id}"); s.AsAdmin(); })).ReadAsTextAsync();
        var lines = csv.Trim().Split('\n');
        lines[0].ShouldStartWith("advocate_id,name,phone,country,channel,change,source,keyword,raw_text,provider_message_id");
        lines.Length.ShouldBe(3);
        lines[2].ShouldContain("opted_out,keyword,STOP,Arrêt,SM00000000000000000000000000000LEDGER,fr,advocate");

        var byCountry = await (await Host.Scenario(s => { s.Get.Url("/api/consent-ledger?country=CI"); s.AsAdmin(); })).ReadAsTextAsync();
        byCountry.ShouldContain("SM00000000000000000000000000000LEDGER");
        var viewer = await Host.KeyFor("Viewer");
        await Host.Scenario(s => { s.Get.Url("/api/consent-ledger?country=CI"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
    }

    private Task<AdvocateView> Enrolled(string language) => language switch
    {
        "fr" => Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr"),
        "pt" => Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt"),
        _ => Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en"),
    };

    private async Task<List<string>> TimelineTypes(Guid id)
    {
        var timeline = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{id}/timeline"); s.AsAdmin(); });
        return (await timeline.Problem()).EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();
    }
}
