using Advocacy.Domain.Common;
using Advocacy.Domain.Policy;
using Advocacy.Web.Auth;
using FluentValidation;
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
    [BindProperty] public string Stage { get; set; } = Stages.Adopted;
    [BindProperty] public DateOnly? OccurredOn { get; set; }
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? EvidenceUrl { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var command = new RecordMilestone(Country.Trim().ToUpperInvariant(), Practice, null, Stage, OccurredOn, Title.Trim(),
            string.IsNullOrWhiteSpace(EvidenceUrl) ? null : EvidenceUrl.Trim(), null, Notes, null, null) { By = User.ToActor() };
        try
        {
            var outcome = await bus.InvokeAsync<Outcome>(command, ct);
            if (outcome.Succeeded)
            {
                TempData["recorded"] = $"Recorded: {command.Title}.";
                return Redirect("/policy");
            }
            if (outcome.Problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails invalid)
                foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages)
                    ModelState.AddModelError(field.Length > 0 ? char.ToUpperInvariant(field[0]) + field[1..] : "", message);
            else
                ModelState.AddModelError("", outcome.Problem!.Detail ?? outcome.Problem.Title ?? "The milestone was not recorded.");
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors) ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
        return Page();
    }
}
