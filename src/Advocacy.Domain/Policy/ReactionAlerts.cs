using System.Globalization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;

namespace Advocacy.Domain.Policy;

/// <summary>The words of the drafts a milestone produces (en, fr, pt) and of the email to coordinators and focal points.</summary>
public static class ReactionAlerts
{
    private static readonly Dictionary<string, (string En, string Fr, string Pt)> Phrases = new()
    {
        ["accredited"] = ("CHWs are accredited", "les ASC sont accrédités", "os ACS são acreditados"),
        ["accessible"] = ("care from CHWs is free for patients", "les soins des ASC sont gratuits pour les patients", "os cuidados dos ACS são gratuitos para os doentes"),
        ["proactive"] = ("CHWs find patients door to door", "les ASC vont chercher les malades de porte en porte", "os ACS procuram os doentes porta a porta"),
        ["continuously_trained"] = ("CHWs are trained continuously", "les ASC sont formés en continu", "os ACS têm formação contínua"),
        ["supervised"] = ("CHWs have dedicated supervisors", "les ASC ont des superviseurs dédiés", "os ACS têm supervisores dedicados"),
        ["paid"] = ("CHWs are paid a fair salary", "les ASC reçoivent un salaire juste", "os ACS recebem um salário justo"),
        ["integrated"] = ("CHWs are part of the health system", "les ASC font partie du système de santé", "os ACS fazem parte do sistema de saúde"),
        ["data_feedback"] = ("CHWs are counted in health data", "les ASC sont comptés dans les données de santé", "os ACS são contados nos dados de saúde"),
    };

    private static readonly Dictionary<string, (string En, string Fr, string Pt)> StageWords = new()
    {
        [Stages.NotStarted] = ("not started", "non commencé", "não iniciada"),
        [Stages.Advocated] = ("advocated", "plaidoyer", "advocacia"),
        [Stages.Drafted] = ("drafted", "projet", "projeto"),
        [Stages.Adopted] = ("adopted", "adoptée", "adotada"),
        [Stages.Financed] = ("funded in the budget", "financée au budget", "financiada no orçamento"),
        [Stages.Implemented] = ("implemented at scale", "mise en œuvre à grande échelle", "implementada em grande escala"),
    };

    public static DraftAlert Draft(Guid campaignId, string kind, string country, string[] practices, MilestoneFacts facts)
    {
        var en = string.Join(" and ", practices.Select(p => Phrases[p].En));
        var fr = string.Join(" et ", practices.Select(p => Phrases[p].Fr));
        var pt = string.Join(" e ", practices.Select(p => Phrases[p].Pt));
        var s = StageWords[facts.Stage];
        var date = facts.OccurredOn;
        var (messages, subjects) = kind == ReactionKinds.Celebrate
            ? (new Dictionary<string, string>
                {
                    ["en"] = $"{{first_name}}, great news from {{country}}: the policy that {en} was {s.En} on {On(date, "en")}. You made this happen. Thank you! {{hashtag}}",
                    ["fr"] = $"{{first_name}}, bonne nouvelle pour {{country}} : la politique selon laquelle {fr} a été {s.Fr} le {On(date, "fr")}. C'est grâce à vous. Merci ! {{hashtag}}",
                    ["pt"] = $"{{first_name}}, boa notícia em {{country}}: a política em que {pt} foi {s.Pt} em {On(date, "pt")}. Foi graças a si. Obrigado! {{hashtag}}",
                },
                new Dictionary<string, string> { ["en"] = "Thank you: a policy win for CHWs", ["fr"] = "Merci : une victoire pour les ASC", ["pt"] = "Obrigado: uma vitória para os ACS" })
            : (new Dictionary<string, string>
                {
                    ["en"] = $"{{first_name}}, {{country}} is going backwards: the policy that {en} fell back to \"{s.En}\" on {On(date, "en")}. Act now: call your MP and ask them to restore it. {{hashtag}}",
                    ["fr"] = $"{{first_name}}, recul pour {{country}} : la politique selon laquelle {fr} est retombée au stade « {s.Fr} » le {On(date, "fr")}. Agissez : appelez votre député pour la rétablir. {{hashtag}}",
                    ["pt"] = $"{{first_name}}, retrocesso em {{country}}: a política em que {pt} recuou para «{s.Pt}» em {On(date, "pt")}. Aja já: ligue ao seu deputado e peça que a reponha. {{hashtag}}",
                },
                new Dictionary<string, string> { ["en"] = "Act now: a CHW policy is going backwards", ["fr"] = "Agissez : une politique pour les ASC recule", ["pt"] = "Aja já: uma política para os ACS está a recuar" });
        return new DraftAlert(campaignId, [Channel.Sms, Channel.Email], messages, subjects, Common.CountryLanguages.For(country), facts.EvidenceUrl,
            new Audience(Countries: [country])) { By = new Common.Actor("policy-tracker", "System") };
    }

    public static (string Subject, string Body) Email(string country, MilestoneFacts facts, PracticeChange[] changes, IReadOnlyList<PolicyReaction> reactions,
        PolicySettings settings)
    {
        var name = CountryName(country);
        var moves = string.Join(", ", changes.Select(c => $"{c.Practice}: {c.From} → {c.To}"));
        var lines = reactions.Select(r => r.AlertId is { } alert
            ? $"- {(r.Kind == ReactionKinds.Celebrate ? "Thank-you" : "Act-now")} alert drafted for review: {settings.Link($"/api/alerts/{alert}")} (nothing is sent until an organizer schedules it)"
            : $"- {r.Detail}");
        var body = $"""
            {name}: {facts.Title}

            {moves}, on {facts.OccurredOn:yyyy-MM-dd}.
            Evidence: {facts.EvidenceUrl ?? facts.EvidenceReference}
            {(string.IsNullOrEmpty(facts.Notes) ? "" : $"Notes: {facts.Notes}\n")}
            {string.Join("\n", lines)}

            Country page: {settings.Link($"/api/policy/countries/{country}")}
            """;
        // Titles usually name the country already ("Kenya: CHW remuneration…").
        var subject = facts.Title.StartsWith(name, StringComparison.OrdinalIgnoreCase) ? facts.Title : $"{name}: {facts.Title}";
        return (subject.Length <= 200 ? subject : subject[..199] + "…", body);
    }

    private static string On(DateOnly date, string language) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(language));

    public static string CountryName(string code)
    {
        try { return new RegionInfo(code).EnglishName; }
        catch (ArgumentException) { return code; }
    }
}
