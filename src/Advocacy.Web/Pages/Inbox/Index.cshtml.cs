using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Inbox;

/// <summary>What one reply's row shows: the reply, whether this user may answer, and how the last answer went.</summary>
public record ReplyRow(InboxItem Item, bool CanAnswer, string? Error = null, string? Sent = null, string? Typed = null);

/// <summary>
/// Free-text replies from advocates, newest first. Any role reads; Admins and Organizers answer (one SMS through the
/// same command as <c>POST /api/advocates/{id}/messages</c>, so consent and opt-outs hold) and mark replies handled.
/// Answers and marks are htmx posts that swap the reply's row; without JavaScript the forms post and redirect.
/// </summary>
[Authorize(Policy = Policies.Read)]
public class IndexModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Domain.Messaging.Inbox.Page Found { get; private set; } = new([], 0, 0);
    public bool CanAnswer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PageNumber < 1) PageNumber = 1;
        CanAnswer = await MayAnswer();
        Found = await Domain.Messaging.Inbox.Read(session, All, PageNumber, PageSize, ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(string messageId, string? body, CancellationToken ct)
    {
        if (!await MayAnswer()) return Forbid();
        if (await session.LoadAsync<InboundMessage>(messageId, ct) is not { AdvocateId: { } advocateId }) return NotFound();

        var text = body?.Trim() ?? "";
        // The same answer to the same reply is one SMS: a double click or a resent form does not send it twice.
        var key = $"inbox:{messageId}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16]}";
        var command = new SendMessage(advocateId, Channel.Sms, text, null) { By = User.ToActor(), IdempotencyKey = key };
        var sent = await this.SendAsync(bus, command, ct, problemField: "Body");
        if (sent is not null) await bus.InvokeAsync<Domain.Common.Outcome>(new MarkReplyHandled(messageId) { By = User.ToActor() }, ct);
        var error = sent is null ? string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)) : null;
        return await RowAsync(messageId, error, sent is null ? null : command.Body, sent is null ? body : null, ct);
    }

    public async Task<IActionResult> OnPostHandledAsync(string messageId, bool handled, CancellationToken ct)
    {
        if (!await MayAnswer()) return Forbid();
        var outcome = await bus.InvokeAsync<Domain.Common.Outcome>(new MarkReplyHandled(messageId, handled) { By = User.ToActor() }, ct);
        if (!outcome.Succeeded) return NotFound();
        return await RowAsync(messageId, null, null, null, ct);
    }

    public string PageUrl(int page) => Url.Page("/Inbox/Index", new { all = All ? true : (bool?)null, p = page })!;

    // htmx swaps the row; a plain form post goes back to the list (a refusal is shown on the row either way).
    private async Task<IActionResult> RowAsync(string messageId, string? error, string? sent, string? typed, CancellationToken ct)
    {
        if (!Request.Headers.ContainsKey("HX-Request") && error is null) return Redirect(PageUrl(PageNumber));
        await using var fresh = session.DocumentStore.QuerySession();
        var message = await fresh.LoadAsync<InboundMessage>(messageId, ct);
        var advocate = message?.AdvocateId is { } id ? await fresh.LoadAsync<Advocate>(id, ct) : null;
        var item = new InboxItem(message!, advocate, null, null);
        return Partial("_Reply", new ReplyRow(item, true, error, sent, typed));
    }

    private async Task<bool> MayAnswer() => (await authorization.AuthorizeAsync(User, Policies.SendMessages)).Succeeded;
}
