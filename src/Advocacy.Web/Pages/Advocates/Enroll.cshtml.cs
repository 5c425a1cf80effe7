using System.ComponentModel.DataAnnotations;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Advocates;

/// <summary>Enrols one advocate through the same command (and validators) as <c>POST /api/advocates</c>.</summary>
[Authorize(Policy = Policies.ManageAdvocates)]
public class EnrollModel(IMessageBus bus) : PageModel
{
    public static readonly string[] LanguageChoices = ["en", "fr", "pt"];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty, Display(Name = "Mobile phone")] public string Phone { get; set; } = "";
    [BindProperty] public string Country { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public string? Email { get; set; }
    [BindProperty, Display(Name = "CHW association")] public string? Association { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public bool SmsConsent { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tags = Tags is null ? null : PageCommands.Items(Tags);
        var command = new EnrollAdvocate(Name.Trim(), Phone.Trim(), string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
            Country.Trim().ToUpperInvariant(), Language, string.IsNullOrWhiteSpace(Association) ? null : Association.Trim(), tags,
            SmsConsent, SmsConsent ? "enrolment form (web)" : null) { By = User.ToActor() };
        // A known number: say whose it is, next to the phone field.
        if (await this.SendAsync(bus, command, ct, problemField: nameof(Phone)) is { } outcome) return Redirect($"/advocates/{outcome.Id}");
        return Page();
    }
}
