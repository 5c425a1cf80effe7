using Advocacy.Domain.Advocates;
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
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string Body { get; set; } = "";

    /// <summary>A phone to open: the advocate's name when the number is theirs, else the number alone.</summary>
    public record PhoneEntry(string Number, string? Name);

    public IReadOnlyList<PhoneEntry> Phones { get; private set; } = [];
    public string? NumberOwner { get; private set; }
    public IReadOnlyList<RecordedSms> Conversation { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!provider.UsesRecorder) return NotFound();
        await using var session = store.QuerySession();
        // A search finds any advocate (an answer such as JOIN needs no earlier SMS); otherwise the phones that received SMS lately.
        if (!string.IsNullOrWhiteSpace(Q))
            Phones = (await AdvocateSearch.Find(session, new AdvocateFilter(Q: Q.Trim()), 1, 20, ct)).Items
                .Where(a => a.HasPhone).Select(a => new PhoneEntry(a.Phone, a.Name)).ToList();
        else
        {
            var recent = await session.Query<RecordedSms>().OrderByDescending(m => m.At).Take(500).ToListAsync(ct);
            var numbers = recent.Select(m => m.Phone).Distinct().Take(50).ToArray();
            var names = await NamesOf(session, numbers, ct);
            Phones = numbers.Select(n => new PhoneEntry(n, names.GetValueOrDefault(n))).ToList();
        }
        if (!string.IsNullOrWhiteSpace(Number))
        {
            NumberOwner = (await NamesOf(session, [Number], ct)).GetValueOrDefault(Number);
            Conversation = (await session.Query<RecordedSms>().Where(m => m.Phone == Number).OrderBy(m => m.At).ToListAsync(ct)).TakeLast(100).ToList();
        }
        return Page();
    }

    private static async Task<Dictionary<string, string>> NamesOf(IQuerySession session, string[] numbers, CancellationToken ct) =>
        (await session.Query<Advocate>().Where(a => a.Status == AdvocateStatus.Active && a.Phone.IsOneOf(numbers)).ToListAsync(ct))
            .GroupBy(a => a.Phone).ToDictionary(g => g.Key, g => g.First().Name);

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
