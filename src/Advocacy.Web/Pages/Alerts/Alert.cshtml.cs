using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>
/// One alert: its live progress while it goes out, the controls (send or schedule a draft, pause, resume, cancel, retry
/// the failed) through the same commands as <c>/api/alerts/{id}/…</c>, its failed deliveries and its funnel.
/// </summary>
public class AlertModel(IQuerySession session, IDocumentStore store, IMessageBus bus, IAuthorizationService authorization, TimeProvider clock,
    SendingPace pace, SmsPricing pricing) : PageModel
{
    public const int FailedPageSize = 20;

    public Alert? Alert { get; private set; }
    public string Currency => pricing.Currency;
    public Campaign? Campaign { get; private set; }
    public AlertProgressBar Progress { get; private set; } = null!;
    public AlertFunnelPanel Funnel { get; private set; } = null!;
    public IReadOnlyList<Delivery> Failed { get; private set; } = [];
    public int FailedTotal { get; private set; }
    public int FailedPages => Math.Max(1, (FailedTotal + FailedPageSize - 1) / FailedPageSize);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>When to send, read in <see cref="TimeZone"/>: organizers work across many time zones.</summary>
    [BindProperty] public DateTime? SendAt { get; set; }

    /// <summary>The organizer's zone (their setting, or their browser's on first use); kept as their setting.</summary>
    [BindProperty] public string? TimeZone { get; set; }

    /// <summary><c>send</c>: show the one confirmation (recipients, cost) before sending now.</summary>
    [BindProperty(SupportsGet = true)] public string? Confirm { get; set; }

    [BindProperty] public bool Confirmed { get; set; }

    public SendConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Progress = await ReadProgressAsync(ct);
        if (Confirm == "send" && Alert!.State is AlertState.Draft or AlertState.Scheduled)
            Confirmation = await SendConfirmation.Read(session, Alert, Campaign!, pricing, ct);
        Funnel = await AlertFunnelPanel.Read(session, Alert!, ct);
        if (PageNumber < 1) PageNumber = 1;
        var failed = session.Query<Delivery>().Where(d => d.AlertId == id && d.Status == DeliveryStatus.Failed);
        FailedTotal = await failed.CountAsync(ct);
        Failed = await failed.OrderByDescending(d => d.QueuedAt).ThenBy(d => d.Id)
            .Skip((PageNumber - 1) * FailedPageSize).Take(FailedPageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>The progress bar alone, polled by htmx from this page and from the dashboard.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // The controls it may swap in (when the state moved on) are the organizer's only.
        ViewData["canSend"] = (await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded;
        return Partial("_AlertProgress", await ReadProgressAsync(ct));
    }

    private async Task<AlertProgressBar> ReadProgressAsync(CancellationToken ct)
    {
        var (zone, set) = await AlertSchedule.ZoneOf(User, session, ct);
        ViewData["zoneSet"] = set;
        return await AlertProgressBar.Read(session, Alert!, Campaign!.Hashtag, pace.MessagesPerSecond, clock.GetUtcNow(), zone, ct);
    }

    /// <summary>The funnel alone: the projection trails the deliveries by about a second, so it is polled too.</summary>
    public async Task<IActionResult> OnGetFunnelAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Partial("_AlertFunnel", await AlertFunnelPanel.Read(session, Alert!, ct));
    }

    /// <summary>Sends only once confirmed; asked without the confirmation, shows it (recipients and cost) instead.</summary>
    public Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct)
    {
        if (Confirmed) return CommandAsync(id, new ScheduleAlert(id, null) { By = User.ToActor() }, "Sending now.", ct);
        Confirm = "send";
        return OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded) return Forbid();
        var zone = await AlertSchedule.TypedZone(User, TimeZone, store, ct);
        if (zone is null) ModelState.AddModelError(nameof(TimeZone), AlertSchedule.NotAZone);
        if (SendAt is null) ModelState.AddModelError(nameof(SendAt), "Choose the date and time to send at.");
        if (zone is null || SendAt is null) return await OnGetAsync(id, ct);
        var at = AlertSchedule.Utc(SendAt.Value, zone);
        return await CommandAsync(id, new ScheduleAlert(id, at) { By = User.ToActor() }, $"Scheduled for {AlertSchedule.Show(at, zone)}.", ct);
    }

    public Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken ct) =>
        CommandAsync(id, new ControlAlert(id, AlertControl.Pause) { By = User.ToActor() }, "Paused: what has not gone stays queued.", ct);

    public Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) =>
        CommandAsync(id, new ControlAlert(id, AlertControl.Resume) { By = User.ToActor() }, "Resumed.", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        CommandAsync(id, new CancelAlert(id) { By = User.ToActor() }, "Cancelled: what has not gone will not be sent.", ct);

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        CommandAsync(id, new ResendFailed(id) { By = User.ToActor() }, "Each failed recipient gets one more try.", ct);

    /// <summary>Organizers only; back to the alert with what happened, or the page again with why it was refused.</summary>
    private async Task<IActionResult> CommandAsync(Guid id, object command, string done, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded) return Forbid();
        if (await this.SendAsync(bus, command, ct) is null) return await OnGetAsync(id, ct);
        TempData["notice"] = done;
        return Redirect($"/alerts/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Alert = await session.LoadAsync<Alert>(id, ct);
        if (Alert is null) return false;
        Campaign = await session.LoadAsync<Campaign>(Alert.CampaignId, ct);
        return Campaign is not null;
    }
}
