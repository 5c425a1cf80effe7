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
public class ComposeModel(IQuerySession session, IMessageBus bus, SmsPricing pricing, TimeProvider clock) : PageModel
{
    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("fr", "Français"), ("pt", "Português")];

    public Campaign? Campaign { get; private set; }

    [BindProperty] public Dictionary<string, string?> Messages { get; set; } = [];
    [BindProperty] public string FallbackLanguage { get; set; } = "en";
    [BindProperty] public bool Sms { get; set; } = true;
    [BindProperty] public bool Email { get; set; }
    [BindProperty] public string? Countries { get; set; }
    [BindProperty] public DateTime? SendAt { get; set; }

    /// <summary>The button pressed: <c>draft</c>, <c>send</c> (now) or <c>schedule</c> (at <see cref="SendAt"/>, UTC).</summary>
    [BindProperty] public string Then { get; set; } = "draft";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Campaign = await session.LoadAsync<Campaign>(id, ct);
        return Campaign is null ? NotFound() : Page();
    }

    /// <summary>The live counter: encoding, characters (septets or UTF-16 units) and segments of one variant.</summary>
    public IActionResult OnGetSegments(string? text)
    {
        var size = SmsSegments.Measure(MergeFields.Render(text ?? "", MergeFields.Realistic));
        return new JsonResult(new { encoding = size.EncodingName, units = size.Units, segments = size.Segments });
    }

    /// <summary>The live audience: who the alert would reach now on the chosen channels, per country and language.</summary>
    public async Task<IActionResult> OnGetAudienceAsync(string? countries, bool sms, bool email, CancellationToken ct)
    {
        var channels = ChannelsOf(sms, email);
        if (channels.Length == 0) return new JsonResult(new { total = 0, byCountry = Array.Empty<object>() });
        var codes = ParseCountries(countries);
        if (codes.Any(c => !Advocacy.Domain.Common.Countries.IsKnown(c)))
            return new JsonResult(new { error = "Countries are ISO codes such as KE, CI, MZ." });
        var size = await AudienceCounts.Of(session, new Audience(Countries: codes.Length > 0 ? codes : null), channels, ct);
        return new JsonResult(new
        {
            total = size.Total,
            byCountry = size.ByCountryAndLanguage.GroupBy(c => c.Country).Select(g => new { country = g.Key, count = g.Sum(c => c.Count) }),
        });
    }

    private static string[] ParseCountries(string? countries) => PageCommands.Items(countries).Select(c => c.ToUpperInvariant()).ToArray();

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
            : countries.Any(c => !Advocacy.Domain.Common.Countries.IsKnown(c)) ? "Countries are ISO codes such as KE, CI, MZ."
            : null;
        if (problem is not null) return Partial("_ComposePreview", ComposePreview.Nothing(problem));
        var fallback = messages.ContainsKey(FallbackLanguage) ? FallbackLanguage : messages.Keys.First();
        var draft = new Alert(Guid.Empty, id, channels, messages, null, fallback, null, AudienceOf(countries), AlertState.Draft,
            User.ToActor().Name, clock.GetUtcNow());
        return Partial("_ComposePreview", await ComposePreview.Read(session, campaign, draft, pricing, ct));
    }

    private Dictionary<string, string> WrittenMessages() =>
        Messages.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value!.Trim());

    private static Audience AudienceOf(string[] countries) => new(Countries: countries is { Length: > 0 } ? countries : null);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (Then == "schedule" && SendAt is null)
        {
            ModelState.AddModelError(nameof(SendAt), "Choose the date and time to send at.");
            return await OnGetAsync(id, ct);
        }
        var command = new DraftAlert(id, ChannelsOf(Sms, Email), WrittenMessages(), null, FallbackLanguage, null,
            AudienceOf(ParseCountries(Countries))) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct) is { } drafted)
        {
            if (Then is "send" or "schedule") return await ScheduleAsync(drafted.Id, ct);
            TempData["drafted"] = "Alert saved as a draft.";
            return Redirect($"/campaigns/{id}");
        }
        // The API names message errors "messages.fr.value": show them under that language's box.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Messages.", StringComparison.Ordinal)).ToList())
        {
            var language = key.Split('.')[1];
            foreach (var error in ModelState[key]!.Errors) ModelState.AddModelError($"Messages[{language}]", error.ErrorMessage);
        }
        return await OnGetAsync(id, ct);
    }

    /// <summary>
    /// The draft exists now: a refusal (campaign not active, over the spend cap) is shown on the alert's page, where the
    /// draft can be sent once fixed, rather than here, where submitting again would draft it twice.
    /// </summary>
    private async Task<IActionResult> ScheduleAsync(Guid alertId, CancellationToken ct)
    {
        var sendAt = Then == "schedule" ? Alerts.AlertSchedule.Utc(SendAt!.Value) : (DateTimeOffset?)null;
        Outcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<Outcome>(new ScheduleAlert(alertId, sendAt) { By = User.ToActor() }, ct);
        }
        catch (FluentValidation.ValidationException e)
        {
            outcome = Outcome.Invalid(alertId, "sendAt", string.Join(" ", e.Errors.Select(x => x.ErrorMessage)));
        }
        if (outcome.Succeeded) TempData["notice"] = sendAt is { } at ? $"Scheduled for {at:yyyy-MM-dd HH:mm} UTC." : "Sending now.";
        else TempData["refused"] = $"Saved as a draft, not sent. {outcome.Problem!.Title}: {Detail(outcome.Problem)}";
        return Redirect($"/alerts/{alertId}");
    }

    private static string? Detail(Microsoft.AspNetCore.Mvc.ProblemDetails problem) => problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails invalid
        ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
        : problem.Detail;
}
