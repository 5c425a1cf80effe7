using System.Text.Json;
using System.Text.Json.Serialization;
using Advocacy.Web.Advocates;
using Advocacy.Web.Auth;
using Alba;

namespace Advocacy.Tests.Infrastructure;

/// <summary>Arrange-and-act helpers so tests read like specifications.</summary>
public static class Scenarios
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Scenario AsAdmin(this Scenario s) => s.WithKey(AppFixture.AdminKey);

    public static Scenario WithKey(this Scenario s, string key)
    {
        s.WithRequestHeader("Authorization", $"Bearer {key}");
        return s;
    }

    public static async Task<T> Read<T>(this IScenarioResult result) =>
        JsonSerializer.Deserialize<T>(await result.ReadAsTextAsync(), Json)!;

    public static object Enrolment(string name = "Musu Kollie", string phone = "0770 123 456", string country = "LR",
        string language = "en", string? email = null, string[]? tags = null, bool smsConsent = true,
        string? association = "National CHW Association", string? consentSource = "paper-form") =>
        new { name, phone, email, country, language, association, tags, smsConsent, consentSource };

    public static async Task<AdvocateView> EnrolledAdvocate(this IAlbaHost host, string name = "Musu Kollie",
        string phone = "0770 123 456", string country = "LR", string language = "en", string? email = null,
        string[]? tags = null, bool smsConsent = true)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(Enrolment(name, phone, country, language, email, tags, smsConsent)).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<AdvocateView>();
    }

    public static async Task<AdvocateView> GetAdvocate(this IAlbaHost host, Guid id)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/advocates/{id}");
            s.AsAdmin();
        });
        return await result.Read<AdvocateView>();
    }

    /// <summary>A fresh API key with the given role, created by the Admin through the API.</summary>
    public static async Task<string> KeyFor(this IAlbaHost host, string role)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { name = $"{role.ToLowerInvariant()}@test", role }).ToUrl("/api/keys");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return (await result.Read<ApiKeyView>()).Key!;
    }

    public static async Task<JsonElement> Problem(this IScenarioResult result) =>
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;

    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var errors)
            ? errors.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
}
