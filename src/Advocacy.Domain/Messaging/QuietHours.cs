using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// Hours of the advocate's local day when no SMS is sent, e.g. 20:00–07:00. The window includes
/// <see cref="Start"/> and excludes <see cref="End"/>; it may cross midnight. Equal bounds mean no quiet hours.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(20, 0), new TimeOnly(7, 0));

    private static readonly string[] Formats = ["HH:mm", "H:mm"];

    public bool IsOff => Start == End;

    /// <summary>Reads "HH:mm" bounds; a missing bound takes the default's. Throws <see cref="FormatException"/> on bad input.</summary>
    public static QuietHours Parse(string? start, string? end) =>
        TryParse(start, end, out var hours)
            ? hours
            : throw new FormatException($"Quiet hours must be HH:mm times; got '{start}' and '{end}'.");

    public static bool TryParse(string? start, string? end, [NotNullWhen(true)] out QuietHours? hours)
    {
        hours = null;
        if (!TryTime(start, Default.Start, out var s) || !TryTime(end, Default.End, out var e)) return false;
        hours = new QuietHours(s, e);
        return true;
    }

    public bool Contains(TimeOnly local) =>
        !IsOff && (Start < End ? local >= Start && local < End : local >= Start || local < End);

    /// <summary>
    /// The first instant (UTC) a message may go to someone in <paramref name="zone"/>: <paramref name="utcNow"/>
    /// itself outside quiet hours, else the moment the local clock next reads <see cref="End"/>.
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time)) return utcNow;

        // Past Start on a window crossing midnight, the window ends tomorrow; otherwise later today.
        var day = DateOnly.FromDateTime(local.DateTime);
        if (Start > End && time >= Start) day = day.AddDays(1);
        return Instants(day.ToDateTime(End), zone).Where(i => i > utcNow).DefaultIfEmpty(utcNow).First();
    }

    /// <summary>
    /// The UTC instants at which the local clock shows <paramref name="wall"/>: none is skipped (a DST gap moves
    /// to the first minute after it), one usually, two when clocks go back (earliest first).
    /// </summary>
    private static IEnumerable<DateTimeOffset> Instants(DateTime wall, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(1);
        var offsets = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall) : [zone.GetUtcOffset(wall)];
        return offsets
            .Select(offset => new DateTimeOffset(DateTime.SpecifyKind(wall - offset, DateTimeKind.Unspecified), TimeSpan.Zero))
            .Order();
    }

    private static bool TryTime(string? text, TimeOnly fallback, out TimeOnly time)
    {
        time = fallback;
        return string.IsNullOrWhiteSpace(text)
            || TimeOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
