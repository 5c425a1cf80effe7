using Advocacy.Domain.Advocates;
using Alba;
using Marten;

namespace Advocacy.Tests.Advocates;

/// <summary>
/// The daily activity behind the dashboard's chart is an async projection: Marten's daemon runs it on one node of the
/// cluster, and every event is counted once however many nodes run.
/// </summary>
public class counting_daily_activity(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task enrolments_and_opt_outs_are_counted_on_their_day()
    {
        var first = await Host.EnrolledAdvocate("Wanjiru Kamau", "0712 345 678", "KE");
        await Host.EnrolledAdvocate("Achieng Otieno", "0722 345 678", "KE");
        await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{first.Id}/opt-out");
            s.AsAdmin();
        });

        var today = await WaitForDay(Host, d => d.Enrolments == 2 && d.OptOuts == 1);
        today.Enrolments.ShouldBe(2);
        today.OptOuts.ShouldBe(1);
        today.Actions.ShouldBe(0);
        today.Day.ShouldBe(DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task two_nodes_count_each_event_once_and_one_node_runs_the_projection()
    {
        await using var second = await App.StartHostAsync();
        for (var i = 0; i < 10; i++)
            await (i % 2 == 0 ? Host : second).EnrolledAdvocate($"Advocate {i}", $"0712 000 {i:D3}", "KE");

        var today = await WaitForDay(second, d => d.Enrolments >= 10);
        // A projection run twice would count the same events again within this time.
        await WaitFor.Still(async () => (await Today(Host)).Enrolments == 10, TimeSpan.FromSeconds(2),
            () => "the daily activity counted an enrolment twice");

        // One node's daemon runs the projection (Marten's HotCold lock); a second running it would have counted
        // every event twice by now. Taking over from a killed node: Faults/killing_the_projection_leader.
        today.Enrolments.ShouldBe(10);
    }

    [Fact]
    public async Task the_api_lists_the_last_days_oldest_first_with_quiet_days_as_zero()
    {
        await Host.EnrolledAdvocate("Wanjiru Kamau", "0712 345 678", "KE");
        await WaitForDay(Host, d => d.Enrolments == 1);

        var result = await Host.Scenario(s => { s.Get.Url("/api/activity?days=7"); s.AsAdmin(); });
        var days = await result.Read<DailyActivity[]>();
        days.Length.ShouldBe(7);
        days[^1].Enrolments.ShouldBe(1);
        days[0].Day.ShouldBe(days[^1].Day.AddDays(-6));
        days[..^1].ShouldAllBe(d => d.Enrolments == 0 && d.Actions == 0);

        await Host.Scenario(s => { s.Get.Url("/api/activity?days=0"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task a_rebuild_recounts_the_days_from_the_events()
    {
        await Host.EnrolledAdvocate("Wanjiru Kamau", "0712 345 678", "KE");
        await Host.EnrolledAdvocate("Achieng Otieno", "0722 345 678", "KE");
        var today = await WaitForDay(Host, d => d.Enrolments == 2);
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            today.Enrolments = 999; // a read model gone wrong
            session.Store(today);
            await session.SaveChangesAsync();
        }

        var exit = await Advocacy.Web.Infrastructure.ProjectionRebuild.RunAsync(Host.Services, "DailyActivity",
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        exit.ShouldBe(0);
        (await Today(Host)).Enrolments.ShouldBe(2);
        (await Advocacy.Web.Infrastructure.ProjectionRebuild.RunAsync(Host.Services, "NoSuchProjection",
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)).ShouldBe(1);
    }

    private static async Task<DailyActivity> Today(IAlbaHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var day = await session.LoadAsync<DailyActivity>(DailyActivity.Key(host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        return day ?? new DailyActivity();
    }

    private static Task<DailyActivity> WaitForDay(IAlbaHost host, Func<DailyActivity, bool> done) =>
        WaitFor.Value(() => Today(host), done, TimeSpan.FromSeconds(60));
}
