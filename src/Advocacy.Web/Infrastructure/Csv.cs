namespace Advocacy.Web.Infrastructure;

public static class Csv
{
    /// <summary>RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !(value[0] == '+' && value.Skip(1).All(char.IsDigit))) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
