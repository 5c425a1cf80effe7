using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Advocacy.Web.Alerts;
using Advocacy.Web.Campaigns;

namespace Advocacy.Tests.Faults;

/// <summary>The organizer's steps (AlertScenarios' bodies) against a node process over HTTP.</summary>
public static class NodeScenarios
{
    /// <summary>The API's JSON: camelCase names, enums as camelCase strings.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<Guid> ScheduledAlert(this AppNode node)
    {
        var campaign = await node.Post<CampaignView>("/api/campaigns", new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "KE", "CI", "UG" } });
        await node.Post<CampaignView>($"/api/campaigns/{campaign.Id}/activate", null);
        var alert = await node.Post<AlertView>($"/api/campaigns/{campaign.Id}/alerts", new
        {
            channels = new[] { "sms" },
            messages = new Dictionary<string, string> { ["en"] = "{first_name}, call your MP about {hashtag} today.", ["fr"] = "{first_name}, appelez votre député : {hashtag}." },
            fallbackLanguage = "en",
        });
        await node.Post<AlertView>($"/api/alerts/{alert.Id}/schedule", new { sendAt = (DateTimeOffset?)null });
        return alert.Id;
    }

    public static async Task<AlertView> Alert(this AppNode node, Guid alert)
    {
        var response = await node.Http.GetAsync($"/api/alerts/{alert}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AlertView>(Json))!;
    }

    /// <summary>Polls the alert on this node until <paramref name="until"/> holds.</summary>
    public static async Task<AlertView> WaitForAlert(this AppNode node, Guid alert, Func<AlertView, bool> until, TimeSpan timeout)
    {
        var view = await WaitFor.Value(() => node.Alert(alert), until, timeout);
        return until(view) ? view : throw new TimeoutException($"Alert {alert} never got there on {node.Name}: {view.State} {view.Progress} {view.Funnel}\n{node.Output}");
    }

    private static async Task<T> Post<T>(this AppNode node, string url, object? body)
    {
        var response = await node.Http.PostAsync(url, body is null ? null : JsonContent.Create(body));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} on {node.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}
