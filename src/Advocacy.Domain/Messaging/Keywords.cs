using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Advocacy.Domain.Messaging;

public enum KeywordKind { Stop, Start, Help, Done, Language, Join, Other }

/// <summary>
/// What an inbound SMS asks for. <see cref="Text"/> is always the message as received;
/// <see cref="Language"/> is set for <see cref="KeywordKind.Language"/> ("en", "fr", "pt") and
/// <see cref="Name"/> for <see cref="KeywordKind.Join"/> (empty when the advocate sent JOIN alone).
/// </summary>
public sealed record KeywordIntent(KeywordKind Kind, string Text, string? Language = null, string? Name = null);

/// <summary>
/// Reads the keywords advocates send from basic phones, in English, French and Portuguese.
/// The whole message must be the keyword (only JOIN takes words after it), so a free-text reply
/// that merely contains "stop" is never mistaken for an opt-out.
/// </summary>
public static class Keywords
{
    // Includes every word Twilio's own STOP filtering blocks (REVOKE and OPTOUT since May 2025,
    // ARRET/ARRETE/ARRETT): when Twilio blocks a number, our consent record must say so too.
    public static readonly FrozenSet<string> Stop = Set(
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
        "ARRET", "ARRETE", "ARRETT", "ARRETER", "DESABONNER", "DESINSCRIRE",
        "PARAR", "SAIR", "CANCELAR");

    public static readonly FrozenSet<string> Start = Set("START", "UNSTOP", "COMMENCER", "INICIAR");

    /// <summary>"Yes" restarts messages only when it is not an answer to an alert's question.</summary>
    public static readonly FrozenSet<string> Yes = Set("YES", "OUI", "SIM");

    public static readonly FrozenSet<string> Help = Set("HELP", "INFO", "AIDE", "AJUDA");

    public static readonly FrozenSet<string> Done = Set("DONE", "FAIT", "FEITO");

    public static readonly FrozenSet<string> Join = Set("JOIN", "REJOINDRE", "INSCRIRE", "ADERIR", "JUNTAR");

    // Each language's own name and its name in the other two, so an advocate can switch from any of them.
    public static readonly FrozenDictionary<string, string> LanguageWords = new Dictionary<string, string>
    {
        ["EN"] = "en", ["ENGLISH"] = "en", ["ANGLAIS"] = "en", ["INGLES"] = "en",
        ["FR"] = "fr", ["FRENCH"] = "fr", ["FRANCAIS"] = "fr", ["FRANCES"] = "fr",
        ["PT"] = "pt", ["PORTUGUESE"] = "pt", ["PORTUGUES"] = "pt", ["PORTUGAIS"] = "pt",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Reads one inbound message. Opt-out words win over everything, including a campaign keyword
    /// that happens to collide with them. Pass <paramref name="yesMeansStart"/> false when the
    /// advocate is answering an alert, so "YES" reaches the caller as <see cref="KeywordKind.Other"/>.
    /// </summary>
    public static KeywordIntent Parse(string? text, string? campaignKeyword = null, bool yesMeansStart = true)
    {
        var original = text ?? "";
        var words = original.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return new(KeywordKind.Other, original);

        var whole = Normalise(string.Join(' ', words));
        if (Stop.Contains(whole)) return new(KeywordKind.Stop, original);
        if (Start.Contains(whole) || (yesMeansStart && Yes.Contains(whole))) return new(KeywordKind.Start, original);
        if (Help.Contains(whole)) return new(KeywordKind.Help, original);
        if (LanguageWords.TryGetValue(whole, out var code)) return new(KeywordKind.Language, original, Language: code);
        if (Done.Contains(whole) || IsCampaignKeyword(whole, campaignKeyword)) return new(KeywordKind.Done, original);
        if (Join.Contains(Normalise(words[0])))
            return new(KeywordKind.Join, original, Name: TrimPunctuation(string.Join(' ', words[1..])));
        return new(KeywordKind.Other, original);
    }

    /// <summary>Trimmed, single-spaced, without accents or surrounding punctuation, upper case: "  Arrêt ! " is "ARRET".</summary>
    public static string Normalise(string text)
    {
        var decomposed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Normalize(NormalizationForm.FormD);
        var bare = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) bare.Append(c);
        return TrimPunctuation(bare.ToString().Normalize(NormalizationForm.FormC).ToUpperInvariant());
    }

    // "#PayCHWs", "pay" and "PAY!" all match a campaign keyword "PAY" / "#PAY": Normalise drops the "#".
    private static bool IsCampaignKeyword(string whole, string? campaignKeyword) =>
        !string.IsNullOrWhiteSpace(campaignKeyword) && Normalise(campaignKeyword) is { Length: > 0 } keyword && whole == keyword;

    private static string TrimPunctuation(string text)
    {
        static bool Noise(char c) => char.IsPunctuation(c) || char.IsSymbol(c) || char.IsWhiteSpace(c);
        var start = 0;
        var end = text.Length;
        while (start < end && Noise(text[start])) start++;
        while (end > start && Noise(text[end - 1])) end--;
        return text[start..end];
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
