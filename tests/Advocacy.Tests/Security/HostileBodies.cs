using System.Text;

namespace Advocacy.Tests.Security;

/// <summary>One hostile request body: what it is (for the failure message), its bytes and its content type.</summary>
public record HostileBody(string Kind, byte[] Bytes, string? ContentType)
{
    public override string ToString() => $"{Kind} ({Bytes.Length:N0} bytes, {ContentType ?? "no content type"})";
}

/// <summary>
/// Random and malformed bodies from a seeded generator, so a failure reproduces with the printed seed: wrong JSON
/// types, huge strings, invalid UTF-8, deep nesting, nulls, wrong content types, broken forms and CSV bombs.
/// </summary>
public sealed class HostileBodies(int seed)
{
    private readonly Random _random = new(seed);

    // Field names the API reads, so wrong types land on real properties.
    private static readonly string[] Fields =
    [
        "name", "phone", "email", "country", "language", "tags", "smsConsent", "channel", "source", "body", "subject", "duplicateId",
        "messages", "channels", "audience", "countries", "sendAt", "hashtag", "goal", "spendCap", "entries", "advocateId", "status",
        "topic", "startsAt", "capacity", "practice", "stage", "occurredOn", "evidenceUrl", "texts", "fields", "slug", "role", "text",
        "timeZone", "expectedVersion", "events", "kind", "joinedOn", "leftOn", "requiredTopics", "papers", "retract",
    ];

    public IEnumerable<HostileBody> For(bool webhookForm = false)
    {
        yield return Json("empty body", "");
        yield return Json("null", "null");
        yield return Json("an array for an object", "[1, \"two\", null, {}]");
        yield return Json("wrong types", WrongTypes());
        yield return Json("wrong types", WrongTypes());
        yield return Json("a 1 MB string", $"{{\"{Pick(Fields)}\": \"{new string('x', 1_100_000)}\", \"{Pick(Fields)}\": \"{Garbage(20)}\"}}");
        yield return Json("nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000));
        yield return Json("objects nested 10,000 deep", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return Json("truncated JSON", $"{{\"{Pick(Fields)}\": [\"{Garbage(10)}\", ");
        yield return new HostileBody("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'"', 0xFF, 0xFE, 0xA0, 0xA1, (byte)'"', (byte)'}'], "application/json");
        yield return new HostileBody("random bytes", RandomBytes(_random.Next(1, 4096)), "application/json");
        yield return new HostileBody("JSON as text/plain", Encoding.UTF8.GetBytes(WrongTypes()), "text/plain");
        yield return new HostileBody("XML", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>"), "application/xml");
        yield return new HostileBody("malformed form", Encoding.UTF8.GetBytes("a=%%&b=%ZZ&&&=&" + Garbage(30) + "=%E0%A4%A"), "application/x-www-form-urlencoded");
        yield return new HostileBody("a form with a 1 MB value", Encoding.UTF8.GetBytes("Body=" + new string('S', 1_100_000) + "&From=%2B254712345678"), "application/x-www-form-urlencoded");
        yield return new HostileBody("a form with 10,000 keys", Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"k{i}=v"))), "application/x-www-form-urlencoded");
        yield return new HostileBody("multipart with no boundary", Encoding.UTF8.GetBytes("--x\r\n\r\nhello"), "multipart/form-data");
        yield return new HostileBody("truncated multipart", TruncatedMultipart(), $"multipart/form-data; boundary={Boundary}");
        yield return new HostileBody("garbage multipart", RandomBytes(_random.Next(1, 4096)), $"multipart/form-data; boundary={Boundary}");
        if (webhookForm) yield return new HostileBody("invalid UTF-8 form", [.. "Body="u8, 0xC3, 0x28, 0xFF, .. "&From=%FF%FE"u8], "application/x-www-form-urlencoded");
    }

    /// <summary>Files that break naive CSV readers, each sent as the import's multipart field <c>file</c>.</summary>
    public static IEnumerable<(string Kind, byte[] Csv)> CsvBombs()
    {
        yield return ("a 2 MB header line", Encoding.UTF8.GetBytes(new string('h', 2_000_000) + "\n1,2\n"));
        yield return ("a million columns", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("c,", 1_000_000)) + "\n"));
        yield return ("a quote never closed", Encoding.UTF8.GetBytes("\"name,phone\n" + string.Concat(Enumerable.Repeat("a,b\n", 50_000))));
        yield return ("a million empty lines", Encoding.UTF8.GetBytes(new string('\n', 1_000_000)));
        yield return ("invalid UTF-8", [0xFF, 0xFE, 0xFD, 0x00, 0xC3, 0x28, (byte)'\n', 0x80, 0x81]);
        yield return ("a NUL-filled file", new byte[100_000]);
    }

    private const string Boundary = "----AdvocacyFuzz7MA4YWxkTrZu0gW";

    /// <summary>A file upload cut off mid-file, as a dropped connection or a lying client leaves it: no closing boundary.</summary>
    private byte[] TruncatedMultipart()
    {
        var whole = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{{}}\r\n"
                    + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"advocates.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    + "name,phone,country\r\nAya Kouamé,+2250707123456,CI\r\n"
                    + $"--{Boundary}--\r\n";
        var bytes = Encoding.UTF8.GetBytes(whole);
        return bytes[.._random.Next(1, bytes.Length - Boundary.Length - 6)];
    }

    private HostileBody Json(string kind, string text) => new(kind, Encoding.UTF8.GetBytes(text), "application/json");

    private string WrongTypes()
    {
        var pairs = Enumerable.Range(0, _random.Next(1, 8)).Select(_ => $"\"{Pick(Fields)}\": {WrongValue(0)}");
        return "{" + string.Join(", ", pairs) + "}";
    }

    private string WrongValue(int depth) => _random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => "null",
        1 => _random.Next(2) == 0 ? "true" : "false",
        2 => (_random.NextDouble() * 1e12 - 5e11).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        3 => "-1",
        4 => $"\"{Garbage(_random.Next(0, 40))}\"",
        5 => "1e309",
        6 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => WrongValue(depth + 1))) + "]",
        7 => "{" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => $"\"{Pick(Fields)}\": {WrongValue(depth + 1)}")) + "}",
        _ => "\"9999-99-99T99:99:99\"",
    };

    private string Garbage(int length)
    {
        const string alphabet = "abcXYZ019 +-_@.#%&=?/\\\\'<>{}[]é€😀\u0000\u202e";
        var s = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var c = alphabet[_random.Next(alphabet.Length)];
            if (c == '\\' || c == '\0' || c == '\u202e') s.Append("\\u").Append(((int)c).ToString("x4"));
            else if (char.IsSurrogate(c)) continue;
            else s.Append(c);
        }
        return s.ToString().Replace("\"", "");
    }

    private byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
