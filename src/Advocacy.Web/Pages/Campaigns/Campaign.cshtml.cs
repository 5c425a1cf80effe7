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

/// <summary>One campaign: its goal, dates, cap and state (activate or close it here), its alerts with their funnel, and the way to compose the next.</summary>
public class CampaignModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public Campaign? Campaign { get; private set; }
    public const int PageSize = 20;

    public IReadOnlyList<(Alert Alert, Funnel Funnel)> Alerts { get; private set; } = [];
    public int AlertsTotal { get; private set; }
    public int Pages => Math.Max(1, (AlertsTotal + PageSize - 1) / PageSize);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>Close was pressed: the page asks first (<c>?close=true</c>), and closes on the second press.</summary>
    [BindProperty(SupportsGet = true, Name = "close")] public bool ConfirmClose { get; set; }
    [BindProperty, Display(Name = "Reason")] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Campaign = await session.LoadAsync<Campaign>(id, ct);
        if (Campaign is null) return NotFound();
        if (PageNumber < 1) PageNumber = 1;
        AlertsTotal = await session.Query<Alert>().CountAsync(a => a.CampaignId == id, ct);
        var alerts = await session.Query<Alert>().Where(a => a.CampaignId == id).OrderByDescending(a => a.DraftedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = alerts.Select(a => a.Id).ToArray();
        var funnels = (await session.Query<AlertFunnelView>().Where(v => v.Id.IsOneOf(ids)).ToListAsync(ct)).ToDictionary(v => v.Id, v => v.Funnel);
        Alerts = alerts.Select(a => (a, funnels.GetValueOrDefault(a.Id, Funnel.Empty))).ToList();
        return Page();
    }

    /// <summary>Sends a draft now (the schedule endpoint's command: budget and campaign state are checked there).</summary>
    // "Send now" of a draft goes to the alert's page, which asks once with the recipients and the cost.

    public Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct) =>
        CommandAsync(id, new ChangeCampaignState(id, CampaignTransition.Activate, null) { By = User.ToActor() }, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        ConfirmClose = true; // a refusal (a reason too long) shows the question again, with why
        return CommandAsync(id, new ChangeCampaignState(id, CampaignTransition.Close,
            string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim()) { By = User.ToActor() }, ct);
    }

    /// <summary>How an alert is named in a list: the first words of its message (in its fallback language).</summary>
    public static string Headline(Alert alert, int length = 60)
    {
        var text = alert.Messages.GetValueOrDefault(alert.FallbackLanguage) ?? alert.Messages.Values.FirstOrDefault() ?? "";
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= length) return text.Length > 0 ? text : "(no message)";
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)] + "…";
    }

    /// <summary>Organizers only; back to the campaign, or the page again with why it was refused.</summary>
    private async Task<IActionResult> CommandAsync(Guid id, object command, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded) return Forbid();
        if (await this.SendAsync(bus, command, ct) is null) return await OnGetAsync(id, ct);
        return Redirect($"/campaigns/{id}");
    }
}
