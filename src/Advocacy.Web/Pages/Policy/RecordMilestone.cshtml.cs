using System.ComponentModel.DataAnnotations;
using Advocacy.Domain.Common;
using Advocacy.Domain.Policy;
using Advocacy.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Policy;

/// <summary>A coordinator records a national policy step through the same command as <c>POST /api/policy/milestones</c>.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class RecordMilestoneModel(IMessageBus bus) : PageModel
{
    [BindProperty] public string Country { get; set; } = "";
    [BindProperty] public string Practice { get; set; } = "paid";
    [BindProperty, Display(Name = "New stage")] public string Stage { get; set; } = Stages.Adopted;
    [BindProperty, Display(Name = "Date it happened")] public DateOnly? OccurredOn { get; set; }
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty, Display(Name = "Evidence link")] public string? EvidenceUrl { get; set; }
    [BindProperty, Display(Name = "Document reference")] public string? EvidenceReference { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var command = new RecordMilestone(Country.Trim().ToUpperInvariant(), Practice, null, Stage, OccurredOn, Title.Trim(),
            Typed(EvidenceUrl), Typed(EvidenceReference), Notes, null, null) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct) is not null)
        {
            TempData["recorded"] = $"Recorded: {command.Title}.";
            return Redirect("/policy");
        }
        return Page();
    }

    private static string? Typed(string? field) => string.IsNullOrWhiteSpace(field) ? null : field.Trim();
}
