using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
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
/// channels, fallback language and countries; saved as a draft through <c>DraftAlert</c>, like the API.
/// </summary>
[Authorize(Policy = Policies.SendMessages)]
public class ComposeModel(IQuerySession session, IMessageBus bus) : PageModel
{
    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("fr", "Français"), ("pt", "Português")];

    public Campaign? Campaign { get; private set; }

    [BindProperty] public Dictionary<string, string?> Messages { get; set; } = [];
    [BindProperty] public string FallbackLanguage { get; set; } = "en";
    [BindProperty] public bool Sms { get; set; } = true;
    [BindProperty] public bool Email { get; set; }
    [BindProperty] public string? Countries { get; set; }

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

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var messages = Messages.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value!.Trim());
        var channels = ChannelsOf(Sms, Email);
        var countries = ParseCountries(Countries);
        var command = new DraftAlert(id, channels, messages, null, FallbackLanguage, null,
            new Audience(Countries: countries is { Length: > 0 } ? countries : null)) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct) is not null)
        {
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
}
