using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Campaigns;

/// <summary>
/// Compose an alert: one message per language with a live segment counter (the same count as <c>POST /api/sms/segments</c>),
/// channels, fallback language and countries, a live cost estimate and phone preview; saved as a draft through
/// <c>DraftAlert</c>, like the API, then (if asked) sent or scheduled through <c>ScheduleAlert</c>.
/// </summary>
[Authorize(Policy = Policies.SendMessages)]
public class ComposeModel(IQuerySession session, IDocumentStore store, IMessageBus bus, SmsPricing pricing, TimeProvider clock) : PageModel
{
    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("fr", "Français"), ("pt", "Português")];

    public Campaign? Campaign { get; private set; }

    [BindProperty] public Dictionary<string, string?> Messages { get; set; } = [];
    [BindProperty] public string FallbackLanguage { get; set; } = "en";
    [BindProperty] public bool Sms { get; set; } = true;
    [BindProperty] public bool Email { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Link { get; set; }

    /// <summary>Empty means the campaign's countries (filled in on first view).</summary>
    [BindProperty] public string? Countries { get; set; }

    /// <summary>Reaching past the campaign's countries is asked for explicitly: with no countries, every country.</summary>
    [BindProperty] public bool Widen { get; set; }

    [BindProperty] public DateTime? SendAt { get; set; }

    /// <summary>The zone <see cref="SendAt"/> is typed in: the organizer's setting, or their browser's the first time.</summary>
    [BindProperty] public string? TimeZone { get; set; }

    /// <summary>The button pressed: <c>draft</c>, <c>send</c> (now, after one confirmation) or <c>schedule</c> (at <see cref="SendAt"/>).</summary>
    [BindProperty] public string Then { get; set; } = "draft";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Campaign = await session.LoadAsync<Campaign>(id, ct);
        if (Campaign is null) return NotFound();
        if (Request.Method == "GET") Countries = string.Join(", ", Campaign.Countries);
        var (zone, set) = await Alerts.AlertSchedule.ZoneOf(User, session, ct);
        if (TimeZone is null && set) TimeZone = Alerts.AlertSchedule.Name(zone);
        return Page();
    }

    /// <summary>The live counter: encoding, characters (septets or UTF-16 units) and segments of one variant.</summary>
    public IActionResult OnGetSegments(string? text)
    {
        var size = SmsSegments.Measure(MergeFields.Render(text ?? "", MergeFields.Realistic));
        return new JsonResult(new { encoding = size.EncodingName, units = size.Units, segments = size.Segments });
    }

    /// <summary>The live audience: who the alert would reach now on the chosen channels, per country and language.</summary>
    public async Task<IActionResult> OnGetAudienceAsync(Guid id, string? countries, bool widen, bool sms, bool email, CancellationToken ct)
    {
        if (await session.LoadAsync<Campaign>(id, ct) is not { } campaign) return NotFound();
        var channels = ChannelsOf(sms, email);
        if (channels.Length == 0) return new JsonResult(new { total = 0, byCountry = Array.Empty<object>() });
        var codes = ParseCountries(countries);
        if (CountriesProblem(campaign, codes, widen) is { } problem) return new JsonResult(new { error = problem });
        var size = await AudienceCounts.Of(session, AudienceOf(campaign, codes, widen), channels, ct);
        return new JsonResult(new
        {
            total = size.Total,
            byCountry = size.ByCountryAndLanguage.GroupBy(c => c.Country).Select(g => new { country = g.Key, count = g.Sum(c => c.Count) }),
        });
    }

    private static string[] ParseCountries(string? countries) => PageCommands.Items(countries).Select(c => c.ToUpperInvariant()).ToArray();

    /// <summary>Unknown codes, or countries the campaign does not cover without <see cref="Widen"/>.</summary>
    private static string? CountriesProblem(Campaign campaign, string[] codes, bool widen)
    {
        if (codes.Any(c => !Advocacy.Domain.Common.Countries.IsKnown(c))) return "Countries are ISO codes such as KE, CI, MZ.";
        var outside = codes.Except(campaign.Countries).ToArray();
        return outside.Length > 0 && !widen && campaign.Countries.Length > 0
            ? $"{string.Join(", ", outside)} {(outside.Length == 1 ? "is" : "are")} outside {campaign.Hashtag}'s countries ({string.Join(", ", campaign.Countries)}): tick \"Reach beyond the campaign\" to include {(outside.Length == 1 ? "it" : "them")}."
            : null;
    }

    /// <summary>The campaign's countries unless others are typed; no countries at all only when widening is asked for.</summary>
    private static Audience AudienceOf(Campaign campaign, string[] countries, bool widen) => new(Countries: countries.Length > 0 ? countries
        : widen || campaign.Countries.Length == 0 ? null : campaign.Countries);

    private static Channel[] ChannelsOf(bool sms, bool email) =>
        [.. sms ? [Channel.Sms] : Array.Empty<Channel>(), .. email ? [Channel.Email] : Array.Empty<Channel>()];

    /// <summary>The live panel (htmx posts the form as it changes): cost estimate, spend-cap check and phone previews.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Campaign>(id, ct) is not { } campaign) return NotFound();
        var messages = WrittenMessages();
        var channels = ChannelsOf(Sms, Email);
        var countries = ParseCountries(Countries);
        var problem = messages.Count == 0 ? "Write a message to see its cost and how it reads on a phone."
            : channels.Length == 0 ? "Choose SMS, email or both."
            : CountriesProblem(campaign, countries, Widen);
        if (problem is not null) return Partial("_ComposePreview", ComposePreview.Nothing(problem));
        var fallback = messages.ContainsKey(FallbackLanguage) ? FallbackLanguage : messages.Keys.First();
        var draft = new Alert(Guid.Empty, id, channels, messages, null, fallback, null, AudienceOf(campaign, countries, Widen), AlertState.Draft,
            User.ToActor().Name, clock.GetUtcNow());
        return Partial("_ComposePreview", await ComposePreview.Read(session, campaign, draft, pricing, ct));
    }

    private Dictionary<string, string> WrittenMessages() =>
        Messages.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value!.Trim());

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Campaign>(id, ct) is not { } campaign) return NotFound();
        var countries = ParseCountries(Countries);
        var errors = new Dictionary<string, string>();
        if (CountriesProblem(campaign, countries, Widen) is { } wrongCountries) errors[nameof(Countries)] = wrongCountries;
        // A schedule that cannot be kept is refused here, before a draft exists.
        DateTimeOffset? sendAt = null;
        if (Then == "schedule")
        {
            var zone = await Alerts.AlertSchedule.TypedZone(User, TimeZone, store, ct);
            if (zone is null) errors[nameof(TimeZone)] = Alerts.AlertSchedule.NotAZone;
            if (SendAt is null) errors[nameof(SendAt)] = "Choose the date and time to send at.";
            else if (zone is not null)
            {
                sendAt = Alerts.AlertSchedule.Utc(SendAt.Value, zone);
                if (ScheduleAlert.PastTime(sendAt, clock.GetUtcNow()) is { } past) errors[nameof(SendAt)] = past;
            }
        }
        if (errors.Count > 0)
        {
            foreach (var (field, error) in errors) ModelState.AddModelError(field, error);
            return await OnGetAsync(id, ct);
        }

        var subjects = Email && !string.IsNullOrWhiteSpace(Subject) ? new Dictionary<string, string> { [FallbackLanguage] = Subject.Trim() } : null;
        var command = new DraftAlert(id, ChannelsOf(Sms, Email), WrittenMessages(), subjects, FallbackLanguage,
            string.IsNullOrWhiteSpace(Link) ? null : Link.Trim(), AudienceOf(campaign, countries, Widen)) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct) is { } drafted)
        {
            if (Then == "schedule") return await ScheduleAsync(drafted.Id, sendAt!.Value, ct);
            if (Then == "send")
            {
                TempData["notice"] = "Saved as a draft. Check who it reaches and what it costs, then send it.";
                return Redirect($"/alerts/{drafted.Id}?confirm=send#confirm-send");
            }
            TempData["drafted"] = "Alert saved as a draft.";
            return Redirect($"/campaigns/{id}");
        }
        ShowErrorsNextToFields();
        return await OnGetAsync(id, ct);
    }

    private static readonly string[] Fields = [nameof(Link), nameof(Subject), nameof(FallbackLanguage), nameof(Countries), nameof(SendAt), nameof(TimeZone)];

    /// <summary>
    /// The command names fields as the API does ("messages.fr.value", "audience.countries", "subjects"): each error goes
    /// next to the page's field for it, and one with no field on the page above the form, never nowhere.
    /// </summary>
    private void ShowErrorsNextToFields()
    {
        foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
        {
            var errors = ModelState[key]!.Errors.Select(e => e.ErrorMessage).ToList();
            var field = key switch
            {
                _ when key.StartsWith("Messages.", StringComparison.Ordinal) => $"Messages[{key.Split('.')[1]}]",
                _ when key.StartsWith("Audience.Countries", StringComparison.Ordinal) => nameof(Countries),
                _ when key.StartsWith("Subjects", StringComparison.Ordinal) => nameof(Subject),
                "Messages" => "Messages[en]",
                _ when Fields.Contains(key) || key.StartsWith("Messages[", StringComparison.Ordinal) => null,
                _ => "",
            };
            if (field is null) continue;
            foreach (var error in errors) ModelState.AddModelError(field, error);
        }
    }

    /// <summary>
    /// The draft exists now: a refusal (campaign not active, over the spend cap) is shown on the alert's page, where the
    /// draft can be sent once fixed, rather than here, where submitting again would draft it twice.
    /// </summary>
    private async Task<IActionResult> ScheduleAsync(Guid alertId, DateTimeOffset sendAt, CancellationToken ct)
    {
        Outcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<Outcome>(new ScheduleAlert(alertId, sendAt) { By = User.ToActor() }, ct);
        }
        catch (FluentValidation.ValidationException e)
        {
            outcome = Outcome.Invalid(alertId, "sendAt", string.Join(" ", e.Errors.Select(x => x.ErrorMessage)));
        }
        var (zone, _) = await Alerts.AlertSchedule.ZoneOf(User, session, ct);
        if (outcome.Succeeded) TempData["notice"] = $"Scheduled for {Alerts.AlertSchedule.Show(sendAt, zone)}.";
        else TempData["refused"] = $"Saved as a draft, not sent. {outcome.Problem!.Title}: {Detail(outcome.Problem)}";
        return Redirect($"/alerts/{alertId}");
    }

    private static string? Detail(Microsoft.AspNetCore.Mvc.ProblemDetails problem) => problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails invalid
        ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
        : problem.Detail;
}
