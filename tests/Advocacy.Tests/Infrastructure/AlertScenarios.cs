using Advocacy.Web.Alerts;
using Advocacy.Web.Campaigns;
using Alba;

namespace Advocacy.Tests.Infrastructure;

/// <summary>A campaign ready to send, an SMS alert in English and French, scheduling it and waiting for it to go out.</summary>
public static class AlertScenarios
{
    public static async Task<Guid> ActiveCampaign(this IAlbaHost host, object? spendCap = null)
    {
        var launched = await host.Scenario(s =>
        {
            s.Post.Json(new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "KE", "CI", "UG" }, spendCap }).ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var id = (await launched.Read<CampaignView>()).Id;
        await host.Scenario(s => { s.Post.Url($"/api/campaigns/{id}/activate"); s.AsAdmin(); });
        return id;
    }

    public static async Task<Guid> DraftedAlert(this IAlbaHost host, Guid campaign)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new
            {
                channels = new[] { "sms" },
                messages = new Dictionary<string, string> { ["en"] = "{first_name}, call your MP about {hashtag} today.", ["fr"] = "{first_name}, appelez votre député : {hashtag}." },
                fallbackLanguage = "en",
            }).ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return (await result.Read<AlertView>()).Id;
    }

    public static async Task<AlertView> ScheduleAlert(this IAlbaHost host, Guid alert, int status = 200) =>
        await (await host.Scenario(s => { s.Post.Json(new { sendAt = (DateTimeOffset?)null }).ToUrl($"/api/alerts/{alert}/schedule"); s.AsAdmin(); s.StatusCodeShouldBe(status); }))
            .Read<AlertView>();

    /// <summary>Until nothing is left to send; with <paramref name="expected"/>, until that many deliveries finished.</summary>
    public static async Task<AlertProgressView> WaitUntilSent(this IAlbaHost host, Guid alert, int? expected = null, int seconds = 30) =>
        (await host.WaitForAlert(alert, view => view.Progress is { Targeted: > 0, Remaining: 0 } p
            && (expected is null || p.Handled == expected), seconds)).Progress!;

    /// <summary>Polls the alert until <paramref name="until"/> holds: progress is counted on each read, the funnel is a projection a moment behind.</summary>
    public static async Task<AlertView> WaitForAlert(this IAlbaHost host, Guid alert, Func<AlertView, bool> until, int seconds = 30)
    {
        var view = await WaitFor.Value(
            async () => await (await host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}"); s.AsAdmin(); })).Read<AlertView>(),
            until, TimeSpan.FromSeconds(seconds));
        return until(view) ? view : throw new TimeoutException($"Alert {alert} never got there: {view.State} {view.Progress} {view.Funnel}");
    }
}
