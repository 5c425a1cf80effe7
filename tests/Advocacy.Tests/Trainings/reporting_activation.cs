using Advocacy.Domain.Trainings;
using Alba;

namespace Advocacy.Tests.Trainings;

public class reporting_activation(AppFixture app) : AppTest(app)
{
    private async Task<ActivationReport> Report(string query = "") =>
        await (await Host.Scenario(s => { s.Get.Url($"/api/reports/activation{query}"); s.AsAdmin(); s.StatusCodeShouldBe(200); })).Read<ActivationReport>();

    /// <summary>The advocate texts DONE, which records an action on their stream at the clock's "now".</summary>
    private Task Acts(string phone) => Host.Scenario(s =>
    {
        s.Post.Json(new { from = phone, body = "DONE" }).ToUrl("/api/dev/sms/inbound");
        s.AsAdmin();
        s.StatusCodeShouldBe(200);
    });

    [Fact]
    public async Task with_no_actions_yet_the_report_shows_zeros_and_no_made_up_shares()
    {
        var empty = await Report();
        empty.Days.ShouldBe(30);
        empty.Overall.ShouldBe(new ActivationLine(null, 0, 0, 0, 0, null, null, null));
        empty.Countries.ShouldBeEmpty();

        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");
        await Host.Attended((await Host.ScheduledTraining()).Id, wanjiru.Id);
        (await Report()).Countries.ShouldBe([new ActivationLine("KE", 1, 0, 1, 0, 0, 0, null)]);
    }

    [Fact]
    public async Task trained_and_untrained_advocates_who_acted_in_the_window_per_country_and_overall()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var otieno = await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");
        await Host.EnrolledAdvocate("Akinyi Chebet", "0733 345678", "KE");
        await Host.EnrolledAdvocate("Kamau Kariuki", "0712 111222", "KE");
        await Host.EnrolledAdvocate("Njeri Wafula", "0722 111222", "KE");
        var grace = await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG");
        await Host.Attended((await Host.ScheduledTraining()).Id, wanjiru.Id, otieno.Id);
        await Host.Attended((await Host.ScheduledTraining(country: "UG")).Id, grace.Id);

        var now = App.Clock.GetUtcNow();
        App.Clock.Set(now.AddDays(-40));
        await Acts("+254722111222");                     // Njeri acted, but before the window
        App.Clock.Set(now);
        await Acts("+254712345678");                     // Wanjiru, trained
        await Acts("+254733345678");                     // Akinyi, untrained

        var report = await Report("?days=30");
        report.Countries.ShouldBe([
            new ActivationLine("KE", Trained: 2, TrainedActed: 1, Untrained: 3, UntrainedActed: 1, TrainedShare: 0.5, UntrainedShare: 0.3333, Ratio: 1.5),
            new ActivationLine("UG", 1, 0, 0, 0, 0, null, null)]);
        report.Overall.ShouldBe(new ActivationLine(null, 3, 1, 3, 1, 0.3333, 0.3333, 1));

        (await Report("?days=60")).Overall.UntrainedActed.ShouldBe(2);
        await Host.Scenario(s => { s.Get.Url("/api/reports/activation?days=0"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
    }
}
