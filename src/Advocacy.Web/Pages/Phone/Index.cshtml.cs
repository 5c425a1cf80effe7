using Advocacy.Jobs.Messaging;
using Advocacy.Web.Auth;
using Advocacy.Web.Messaging;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Phone;

/// <summary>
/// The phone simulator, only while SMS go to the development recorder: what an advocate's phone received, and a box to
/// answer as that advocate (STOP, DONE, anything) through the same inbound path as a real reply.
/// </summary>
[Authorize(Policy = Policies.SendMessages)]
public class IndexModel(IDocumentStore store, IMessageBus bus, TimeProvider clock, SmsProviderChoice provider,
    IValidator<AnswerAsAdvocate> validator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty] public string Body { get; set; } = "";

    public IReadOnlyList<string> Phones { get; private set; } = [];
    public IReadOnlyList<RecordedSms> Conversation { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!provider.UsesRecorder) return NotFound();
        await using var session = store.QuerySession();
        var recent = await session.Query<RecordedSms>().OrderByDescending(m => m.At).Take(500).ToListAsync(ct);
        Phones = recent.Select(m => m.Phone).Distinct().Take(50).ToList();
        if (!string.IsNullOrWhiteSpace(Number))
            Conversation = (await session.Query<RecordedSms>().Where(m => m.Phone == Number).OrderBy(m => m.At).ToListAsync(ct)).TakeLast(100).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!provider.UsesRecorder) return NotFound();
        var answer = new AnswerAsAdvocate(Number ?? "", Body);
        var result = await validator.ValidateAsync(answer, ct);
        foreach (var error in result.Errors) ModelState.AddModelError(error.PropertyName == nameof(AnswerAsAdvocate.From) ? nameof(Number) : nameof(Body), error.ErrorMessage);
        if (!ModelState.IsValid) return await OnGetAsync(ct);
        await DevSmsEndpoints.AnswerAsync(answer, store, bus, clock);
        return Redirect($"/phone?number={Uri.EscapeDataString(Number!)}");
    }
}
