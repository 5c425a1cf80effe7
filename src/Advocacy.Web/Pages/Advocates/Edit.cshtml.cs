using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>
/// Edits an advocate with the API's commands. The contact details go first with the version the form was read at, so
/// a change someone made meanwhile is refused and shown rather than overwritten; language, time zone and tags follow.
/// </summary>
[Authorize(Policy = Policies.ManageAdvocates)]
public class EditModel(IQuerySession session, IMessageBus bus) : PageModel
{
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string Country { get; set; } = "";
    [BindProperty] public string? Association { get; set; }
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? Tags { get; set; }

    public Advocate Advocate { get; private set; } = null!;

    /// <summary>Set when someone else changed the advocate after this form was opened: what the record holds now.</summary>
    public Advocate? ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return NotFound();
        if (advocate.Status != AdvocateStatus.Active) return Redirect($"/advocates/{id}");
        Advocate = advocate;
        (Version, Name, Phone, Email, Country, Association) = (advocate.Version, advocate.Name, advocate.Phone, advocate.Email, advocate.Country, advocate.Association);
        (Language, TimeZone, Tags) = (advocate.Language, advocate.TimeZone, string.Join(", ", advocate.Tags));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return NotFound();
        Advocate = advocate;
        var tags = PageCommands.Items(Tags).Select(Domain.Common.Tags.Normalise).Distinct().ToArray();
        // Checked here so that nothing is saved when a later step would be refused.
        if (!Languages.IsValid(Language)) ModelState.AddModelError(nameof(Language), $"'{Language}' is not a language code such as en, fr or pt.");
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZones.IsKnown(TimeZone.Trim()))
            ModelState.AddModelError(nameof(TimeZone), $"'{TimeZone}' is not an IANA time zone such as Africa/Nairobi.");
        if (tags.FirstOrDefault(t => !Domain.Common.Tags.IsValid(t)) is { } bad) ModelState.AddModelError(nameof(Tags), $"'{bad}': {AdvocateRules.TagMessage}");
        if (!ModelState.IsValid) return Page();

        var by = User.ToActor();
        // A contact from a web form may have no phone: leaving it empty keeps it so (null), it does not remove one.
        var phone = string.IsNullOrWhiteSpace(Phone) && !advocate.HasPhone ? null : Phone?.Trim() ?? "";
        var contact = new ChangeContactDetails(id, Name?.Trim() ?? "", phone, Email?.Trim() ?? "", Country?.Trim().ToUpperInvariant() ?? "",
            Association?.Trim() ?? "", Version) { By = by };
        if (await this.SendAsync(bus, contact, ct, problemField: nameof(Phone)) is null)
        {
            if (advocate.Version != Version)
            {
                ModelState.Remove(nameof(Phone));
                ChangedMeanwhile = advocate;
            }
            return Page();
        }

        List<IAdvocateCommand> rest = [];
        if (Languages.Normalise(Language) != advocate.Language) rest.Add(new ChangeLanguage(id, Language, null) { By = by });
        var zone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        if (zone != advocate.TimeZone) rest.Add(new ChangeTimeZone(id, zone, null) { By = by });
        if (tags.Except(advocate.Tags).ToArray() is { Length: > 0 } added) rest.Add(new TagAdvocate(id, added, null) { By = by });
        rest.AddRange(advocate.Tags.Except(tags).Select(t => new UntagAdvocate(id, t, null) { By = by }));
        foreach (var command in rest)
            if (await this.SendAsync(bus, command, ct, problemField: nameof(Tags)) is null) return Page();

        TempData["Notice"] = "Changes saved.";
        return Redirect($"/advocates/{id}");
    }
}
