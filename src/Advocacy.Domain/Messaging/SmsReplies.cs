using System.Collections.Frozen;

namespace Advocacy.Domain.Messaging;

public enum ReplyKind { StopConfirmed, StartConfirmed, Help, DoneThanks, LanguageChanged, JoinWelcome, JoinNeedsName }

/// <summary>
/// Every text the app sends back by SMS, per language, in one place so a translator reviews one file.
/// Each fits one 160-character SMS. English and most French texts keep to the GSM-7 alphabet (é, è, à
/// are in it; ê, ç, ô are not) so they go as a single segment; Portuguese needs ã/ç, which forces UCS-2.
/// Keywords are named as an advocate types them; STOP works in every language, so every text offers it.
/// </summary>
public static class SmsReplies
{
    public const string Fallback = "en";

    /// <summary>Long names are cut so a welcome still fits one SMS.</summary>
    public const int MaxNameLength = 32;

    private const string NamePlaceholder = "{name}";

    private static readonly FrozenDictionary<string, FrozenDictionary<ReplyKind, string>> Texts =
        new Dictionary<string, FrozenDictionary<ReplyKind, string>>
        {
            ["en"] = Language(
                stopConfirmed: "CHW Advocacy network: you are unsubscribed and will get no more messages. Reply START to join again.",
                startConfirmed: "CHW Advocacy network: welcome back! You will get our calls to action again. Reply HELP for help, STOP to stop.",
                help: "CHW Advocacy network: calls to action for community health workers. Reply STOP to stop, START to restart, HELP for help, FR or PT for another language.",
                doneThanks: "Thank you! Your action counts. Together we are making professional community health workers the norm.",
                languageChanged: "OK: we will write to you in English from now on. Reply HELP for help, STOP to stop.",
                joinWelcome: "Welcome to the CHW Advocacy network, {name}! We will send you calls to action by SMS. Reply HELP for help, STOP to stop.",
                joinNeedsName: "To join the CHW Advocacy network, reply JOIN and your full name, for example: JOIN Musu Kollie"),
            ["fr"] = Language(
                stopConfirmed: "Réseau CHW Advocacy : vous ne recevrez plus de messages. Répondez START pour revenir.",
                startConfirmed: "Réseau CHW Advocacy : bon retour parmi nous ! Vous recevrez à nouveau nos appels à l'action. AIDE pour l'aide, STOP ou ARRET pour vous désinscrire.",
                help: "Réseau CHW Advocacy : appels à l'action pour les agents de santé communautaire. STOP ou ARRET pour vous désinscrire, START pour revenir, AIDE pour l'aide.",
                doneThanks: "Merci ! Votre action compte. Ensemble, faisons des agents de santé communautaire professionnels la norme.",
                languageChanged: "C'est noté : nous vous écrirons désormais en français.",
                joinWelcome: "Bienvenue dans le réseau CHW Advocacy, {name} ! Vous recevrez nos appels à l'action. AIDE pour l'aide, STOP pour vous désinscrire.",
                joinNeedsName: "Pour rejoindre le réseau CHW Advocacy, répondez REJOINDRE suivi de votre nom complet, par exemple : REJOINDRE Awa Koné"),
            ["pt"] = Language(
                stopConfirmed: "Rede CHW Advocacy: não receberá mais mensagens. Responda START ou INICIAR para voltar.",
                startConfirmed: "Rede CHW Advocacy: bem-vindo(a) de volta! Voltará a receber os nossos apelos à ação. AJUDA para ajuda, STOP ou PARAR para sair.",
                help: "Rede CHW Advocacy: apelos à ação para agentes comunitários de saúde. Responda STOP ou PARAR para sair, START para voltar, AJUDA para ajuda.",
                doneThanks: "Obrigado(a)! A sua ação conta. Juntos, tornamos os agentes comunitários de saúde profissionais a norma.",
                languageChanged: "Combinado: passaremos a escrever-lhe em português.",
                joinWelcome: "Bem-vindo(a) à rede CHW Advocacy, {name}! Receberá os nossos apelos à ação por SMS. AJUDA para ajuda, STOP para sair.",
                joinNeedsName: "Para aderir à rede CHW Advocacy, responda ADERIR e o seu nome completo, por exemplo: ADERIR Ana Machava"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> SupportedLanguages => Texts.Keys;

    /// <summary>
    /// The reply in the advocate's language ("fr-CI" reads as "fr"; any other language gets English).
    /// For <see cref="ReplyKind.LanguageChanged"/> pass the NEW language, so the confirmation is in it.
    /// </summary>
    public static string For(ReplyKind kind, string? language, string? name = null)
    {
        var texts = Texts.GetValueOrDefault(Primary(language)) ?? Texts[Fallback];
        var text = texts[kind];
        if (!text.Contains(NamePlaceholder)) return text;
        var cleaned = string.IsNullOrWhiteSpace(name) ? "" : Tidy(name);
        return cleaned.Length == 0 ? text.Replace(", " + NamePlaceholder, "") : text.Replace(NamePlaceholder, cleaned);
    }

    private static string Primary(string? language) =>
        (language ?? "").Trim().Split('-', '_')[0].ToLowerInvariant();

    private static string Tidy(string name)
    {
        var single = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= MaxNameLength ? single : single[..MaxNameLength].TrimEnd();
    }

    private static FrozenDictionary<ReplyKind, string> Language(
        string stopConfirmed, string startConfirmed, string help, string doneThanks,
        string languageChanged, string joinWelcome, string joinNeedsName) => new Dictionary<ReplyKind, string>
    {
        [ReplyKind.StopConfirmed] = stopConfirmed, [ReplyKind.StartConfirmed] = startConfirmed,
        [ReplyKind.Help] = help, [ReplyKind.DoneThanks] = doneThanks, [ReplyKind.LanguageChanged] = languageChanged,
        [ReplyKind.JoinWelcome] = joinWelcome, [ReplyKind.JoinNeedsName] = joinNeedsName,
    }.ToFrozenDictionary();
}
