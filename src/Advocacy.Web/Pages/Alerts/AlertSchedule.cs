using System.Security.Claims;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Marten;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>
/// Times as an organizer types and reads them: in their own zone (a setting on their <see cref="User"/>, taken from the
/// browser the first time), stored and sent as UTC.
/// </summary>
public static class AlertSchedule
{
    /// <summary>A <c>datetime-local</c> field carries no offset: it is read in the organizer's zone (a skipped DST hour moves on).</summary>
    public static DateTimeOffset Utc(DateTime typed, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(typed, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, zone), TimeSpan.Zero);
    }

    public static bool IsZone(string? id) => id is "UTC" or "Etc/UTC" || TimeZones.IsKnown(id);

    /// <summary>"2026-12-07 14:30 Africa/Nairobi" (or "… UTC").</summary>
    public static string Show(DateTimeOffset at, TimeZoneInfo zone) =>
        $"{TimeZoneInfo.ConvertTime(at, zone):yyyy-MM-dd HH:mm} {Name(zone)}";

    public static string Name(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "Etc/UTC" or "UTC" ? "UTC" : zone.Id;

    /// <summary>The signed-in person's zone, and whether they have one; UTC for an API key or before their browser told us.</summary>
    public static async Task<(TimeZoneInfo Zone, bool Set)> ZoneOf(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct) =>
        (await UserOf(principal, session, ct))?.TimeZone is { } zone ? (TimeZones.Find(zone), true) : (TimeZoneInfo.Utc, false);

    /// <summary>
    /// The zone a schedule is typed in: the one the form sent (the organizer's setting, or their browser's guess), kept as
    /// their setting when it changed; null when the form sent something that is not a zone.
    /// </summary>
    public static async Task<TimeZoneInfo?> TypedZone(ClaimsPrincipal principal, string? typed, IDocumentStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed)) return TimeZoneInfo.Utc;
        if (!IsZone(typed)) return null;
        await using var session = store.LightweightSession();
        if (await UserOf(principal, session, ct) is { } user && user.TimeZone != typed.Trim())
        {
            session.Store(user with { TimeZone = typed.Trim() });
            await session.SaveChangesAsync(ct);
        }
        return TimeZones.Find(typed);
    }

    public const string NotAZone = "Choose a time zone such as Africa/Nairobi or Europe/Paris.";

    private static async Task<User?> UserOf(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? await session.LoadAsync<User>(id, ct) : null;
}
