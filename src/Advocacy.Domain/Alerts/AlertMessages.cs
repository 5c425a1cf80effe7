using Advocacy.Domain.Advocates;
using Advocacy.Domain.Campaigns;

namespace Advocacy.Domain.Alerts;

/// <summary>One advocate's copy of an alert: their language (or the fallback) with the merge fields filled.</summary>
public static class AlertMessages
{
    /// <param name="trackedLink">This recipient's short link to the alert's page, which records the click as an action.</param>
    public static (string Body, string? Subject, string Language) Render(Alert alert, Campaign campaign, Advocate advocate, string? trackedLink = null)
    {
        var language = alert.LanguageFor(advocate.Language);
        var values = new Dictionary<string, string>
        {
            ["first_name"] = advocate.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? advocate.Name,
            ["name"] = advocate.Name,
            ["country"] = CountryName(advocate.Country, language),
            ["link"] = trackedLink ?? alert.Link ?? "",
            ["hashtag"] = campaign.Hashtag,
        };
        var subject = alert.Subjects is { } subjects
            ? subjects.GetValueOrDefault(language) ?? subjects.GetValueOrDefault(alert.FallbackLanguage)
            : null;
        return (MergeFields.Render(alert.Messages[language], values), subject is null ? null : MergeFields.Render(subject, values), language);
    }

    private static string CountryName(string code, string language)
    {
        try
        {
            var name = new System.Globalization.RegionInfo(code).NativeName;
            return language == "en" ? new System.Globalization.RegionInfo(code).EnglishName : name;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
