using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Web.Pages.Campaigns;

/// <summary>One language of the alert as a sample advocate would read it (<c>null</c> advocate: no one in the audience reads it).</summary>
public record PhonePreview(string Language, string Text, Advocate? SampleAdvocate);

/// <summary>
/// The compose page's live panel: the cost estimate (<see cref="AlertEstimate"/>, as <c>POST /api/alerts/{id}/estimate</c>),
/// whether it would pass the campaign's spend cap, and each variant rendered for a sample advocate of the audience.
/// </summary>
public record ComposePreview(SmsEstimate? Estimate, Outcome? OverBudget, IReadOnlyList<PhonePreview> Phones, string? Problem)
{
    private const int Sample = 50;

    public static ComposePreview Nothing(string problem) => new(null, null, [], problem);

    public static async Task<ComposePreview> Read(IQuerySession session, Campaign campaign, Alert draft, SmsPricing pricing, CancellationToken ct)
    {
        SmsEstimate? estimate = null;
        Outcome? overBudget = null;
        if (draft.Channels.Contains(Channel.Sms))
        {
            estimate = AlertEstimate.Compute(draft, await AudienceCounts.Of(session, draft.Audience, Channel.Sms, ct), pricing);
            overBudget = ScheduleAlertHandler.OverBudget(campaign, estimate,
                await ScheduleAlertHandler.Committed(session, campaign.Id, draft.Id, ct));
        }

        var sample = await AlertAudience.On(session, draft.Audience, draft.Channels[0]).OrderBy(a => a.EnrolledAt).Take(Sample).ToListAsync(ct);
        var phones = draft.Messages.Keys.Order().Select(language =>
        {
            var advocate = sample.FirstOrDefault(a => draft.LanguageFor(a.Language) == language);
            // Only this language written, so Render shows it whatever the advocate's own language.
            var single = draft with { Messages = new() { [language] = draft.Messages[language] }, FallbackLanguage = language };
            var text = advocate is null
                ? MergeFields.Render(draft.Messages[language], new Dictionary<string, string>(MergeFields.Realistic) { ["hashtag"] = campaign.Hashtag })
                : AlertMessages.Render(single, campaign, advocate, MergeFields.Realistic["link"]).Body;
            return new PhonePreview(language, text, advocate);
        }).ToList();
        return new ComposePreview(estimate, overBudget, phones, null);
    }
}
