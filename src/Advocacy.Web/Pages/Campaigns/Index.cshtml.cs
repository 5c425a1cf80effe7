using System.ComponentModel.DataAnnotations;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Campaigns;

/// <summary>Campaigns, newest first, and (for Organizers) the form that launches one through the API's command.</summary>
public class IndexModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization, SmsPricing pricing) : PageModel
{
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Hashtag { get; set; } = "";
    [BindProperty] public string Countries { get; set; } = "";
    [BindProperty] public string? Goal { get; set; }
    [BindProperty, Display(Name = "Starts on")] public DateOnly? StartsOn { get; set; }
    [BindProperty, Display(Name = "Ends on")] public DateOnly? EndsOn { get; set; }
    [BindProperty, Display(Name = "Spend cap")] public decimal? SpendCapTotal { get; set; }
    [BindProperty, Display(Name = "Currency")] public string? SpendCapCurrency { get; set; }
    [BindProperty, Display(Name = "SMS keyword")] public string? Keyword { get; set; }

    public string Currency => pricing.Currency;

    public async Task OnGetAsync(CancellationToken ct) =>
        Campaigns = await session.Query<Campaign>().OrderByDescending(c => c.LaunchedAt).Take(200).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded) return Forbid();
        var countries = PageCommands.Items(Countries).Select(c => c.ToUpperInvariant()).ToArray();
        var cap = SpendCapTotal is null ? null
            : new SpendCap(SpendCapTotal, null, string.IsNullOrWhiteSpace(SpendCapCurrency) ? Currency : SpendCapCurrency.Trim());
        var command = new LaunchCampaign(Name.Trim(), Hashtag.Trim(), Goal, countries, StartsOn, EndsOn,
            string.IsNullOrWhiteSpace(Keyword) ? null : Keyword.Trim().ToUpperInvariant(), cap) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct, problemField: nameof(Hashtag)) is { } outcome) return Redirect($"/campaigns/{outcome.Id}");
        await OnGetAsync(ct);
        return Page();
    }
}
