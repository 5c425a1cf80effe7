using Advocacy.Domain.Trainings;
using Advocacy.Web.Coalitions;
using Advocacy.Web.Trainings;
using Alba;

namespace Advocacy.Tests.Infrastructure;

/// <summary>Arrange helpers for trainings and coalitions, through the API as a coordinator would.</summary>
public static class NetworkScenarios
{
    public static async Task<TrainingTrack> TrainingTrack(this IAlbaHost host, string name, params string[] requiredTopics)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { name, requiredTopics }).ToUrl("/api/training-tracks");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<TrainingTrack>();
    }

    public static async Task<TrainingView> ScheduledTraining(this IAlbaHost host, string topic = "Advocacy 101", Guid? trackId = null,
        string country = "KE", int capacity = 25, string startsAt = "2026-12-03T09:00", string? timeZone = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { topic, trackId, country, venue = "Kisumu County Hall", online = false, startsAt, timeZone, facilitator = "Mercy Chebet", capacity })
                .ToUrl("/api/trainings");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<TrainingView>();
    }

    public static async Task<IScenarioResult> RecordAttendance(this IAlbaHost host, Guid trainingId, int expectedStatus,
        params (Guid AdvocateId, string Status)[] entries) => await host.Scenario(s =>
    {
        s.Post.Json(new { entries = entries.Select(e => new { advocateId = e.AdvocateId, status = e.Status }) }).ToUrl($"/api/trainings/{trainingId}/attendance");
        s.AsAdmin();
        s.StatusCodeShouldBe(expectedStatus);
    });

    public static Task<IScenarioResult> Attended(this IAlbaHost host, Guid trainingId, params Guid[] advocates) =>
        host.RecordAttendance(trainingId, 200, advocates.Select(a => (a, "attended")).ToArray());

    public static async Task<CoalitionView> FormedCoalition(this IAlbaHost host, string name = "Kenya CHW Advocacy Coalition",
        string country = "KE", string kind = "ngoCoalition", string? focalPointEmail = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { name, country, kind, focalPoint = "Akinyi Odhiambo", focalPointEmail }).ToUrl("/api/coalitions");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<CoalitionView>();
    }

    public static async Task<MemberView> Joined(this IAlbaHost host, Guid coalitionId, Guid? advocateId = null, string? organisation = null,
        string joinedOn = "2026-01-15")
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { advocateId, organisation, joinedOn }).ToUrl($"/api/coalitions/{coalitionId}/members");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<MemberView>();
    }
}
