using Advocacy.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages;

public static class PageCommands
{
    /// <summary>
    /// Sends a command exactly as the API does. When it is refused, its errors go next to their fields (validation) or to
    /// <paramref name="problemField"/> (a conflict, a missing record), and the answer is null: show the page again.
    /// </summary>
    public static async Task<Outcome?> SendAsync(this PageModel page, IMessageBus bus, object command, CancellationToken ct,
        string problemField = "")
    {
        try
        {
            var outcome = await bus.InvokeAsync<Outcome>(command, ct);
            if (outcome.Succeeded) return outcome;
            if (outcome.Problem is ValidationProblemDetails invalid)
                foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages)
                    page.ModelState.AddModelError(PropertyName(field), message);
            else
                page.ModelState.AddModelError(problemField, outcome.Problem!.Detail ?? outcome.Problem.Title ?? "That was refused.");
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors) page.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
        return null;
    }

    /// <summary>The items of a field typed as a list ("KE, CI" or "paychws youth"), commas or spaces between them.</summary>
    public static string[] Items(string? typed) =>
        typed?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    // The API names fields in camelCase; the page's properties are PascalCase.
    private static string PropertyName(string field) => field.Length > 0 ? char.ToUpperInvariant(field[0]) + field[1..] : "";
}
