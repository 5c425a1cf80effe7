using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Alba;

namespace Advocacy.Tests.Messaging;

/// <summary>With no Twilio account, the whole loop works through the development recorder.</summary>
public class using_the_development_recorder(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_person_reads_the_sms_and_answers_as_the_advocate()
    {
        App.Clock.Set(TestClock.Daytime);
        var advocate = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        var queued = await Host.SendMessage(advocate.Id, "Join the #PayCHWs march on Friday");
        (await Host.WaitForDelivery(queued.Id, d => d.Status == DeliveryStatus.Delivered)).Provider.ShouldBe("recorder");

        var recorded = await Host.Scenario(s => { s.Get.Url("/api/dev/sms?phone=%2B231770123456"); s.AsAdmin(); });
        (await recorded.Read<RecordedSms[]>()).ShouldHaveSingleItem().Body.ShouldBe("Join the #PayCHWs march on Friday");

        var answer = await Host.Scenario(s =>
        {
            s.Post.Json(new { from = "+231 770 123 456", body = "stop" }).ToUrl("/api/dev/sms/inbound");
            s.AsAdmin();
        });
        (await answer.Problem()).GetProperty("reply").GetString().ShouldBe(SmsReplies.For(ReplyKind.StopConfirmed, "en"));
        (await Host.GetAdvocate(advocate.Id)).Consent["sms"].Status.ShouldBe("optedOut");
        await Host.SendMessage(advocate.Id, "Still there?", expectedStatus: 409);

        var thread = await Host.Scenario(s => { s.Get.Url("/api/dev/sms?phone=%2B231770123456"); s.AsAdmin(); });
        (await thread.Read<RecordedSms[]>()).Select(m => m.Direction).ShouldBe(["out", "in", "out"]);
    }

    [Fact]
    public async Task email_is_written_to_the_pickup_folder()
    {
        App.Clock.Set(TestClock.Daytime);
        var advocate = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR", email: "musu@example.org");
        var queued = await Host.SendMessage(advocate.Id, "Hello Musu", channel: "email", subject: "Hello");
        (await Host.WaitUntilFinished(queued.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        Directory.GetFiles(App.MailFolder, $"*{queued.Id}*.eml").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_development_page_is_served()
    {
        var page = await Host.Scenario(s => { s.Get.Url("/dev/sms.html"); s.StatusCodeShouldBe(200); });
        (await page.ReadAsTextAsync()).ShouldContain("Development SMS");
    }
}
