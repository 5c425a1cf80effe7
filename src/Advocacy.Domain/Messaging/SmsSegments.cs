namespace Advocacy.Domain.Messaging;

public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>How carriers will split a text: its encoding, the units it takes (septets or UTF-16 code units) and segments.</summary>
public record SmsSize(SmsEncoding Encoding, int Units, int Segments)
{
    public string EncodingName => Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
}

/// <summary>
/// Counts SMS segments exactly as carriers do. GSM-7: 160 septets in one message, 153 per part of a long one;
/// extension characters (€ [ ] { } ^ ~ | \ and form feed) take two septets and are never split across parts.
/// Anything outside GSM-7 makes the whole text UCS-2: 70 code units, or 67 per part, never splitting a
/// surrogate pair (an emoji) across parts.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static bool IsGsm7(string text) => text.All(c => BasicSet.Contains(c) || ExtensionSet.Contains(c));

    public static SmsSize Measure(string? text)
    {
        if (string.IsNullOrEmpty(text)) return new SmsSize(SmsEncoding.Gsm7, 0, 0);
        return IsGsm7(text) ? MeasureGsm7(text) : MeasureUcs2(text);
    }

    private static SmsSize MeasureGsm7(string text)
    {
        var units = text.Sum(c => ExtensionSet.Contains(c) ? 2 : 1);
        if (units <= 160) return new SmsSize(SmsEncoding.Gsm7, units, 1);
        return new SmsSize(SmsEncoding.Gsm7, units, Split(text.Select(c => ExtensionSet.Contains(c) ? 2 : 1), 153));
    }

    private static SmsSize MeasureUcs2(string text)
    {
        if (text.Length <= 70) return new SmsSize(SmsEncoding.Ucs2, text.Length, 1);
        // A surrogate pair is one indivisible item of two code units.
        var items = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            items.Add(pair ? 2 : 1);
            if (pair) i++;
        }
        return new SmsSize(SmsEncoding.Ucs2, text.Length, Split(items, 67));
    }

    /// <summary>Fills parts of <paramref name="capacity"/> units; an item that does not fit whole starts the next part.</summary>
    private static int Split(IEnumerable<int> items, int capacity)
    {
        int parts = 1, used = 0;
        foreach (var size in items)
        {
            if (used + size > capacity)
            {
                parts++;
                used = 0;
            }
            used += size;
        }
        return parts;
    }
}
