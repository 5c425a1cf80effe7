using System.Reflection;
using Advocacy.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages;

public static class PageCommands
{
    /// <summary>
    /// Sends a command exactly as the API does. When it is refused, its errors go next to their fields (validation) or to
    /// <paramref name="problemField"/> (a conflict, a missing record), and the answer is null: show the page again.
    /// A form with a value the binder could not read (a date, an amount) is not sent: the command's own errors join it.
    /// </summary>
    public static async Task<Outcome?> SendAsync(this PageModel page, IMessageBus bus, object command, CancellationToken ct,
        string problemField = "")
    {
        if (!page.ModelState.IsValid)
        {
            var validator = page.HttpContext.RequestServices.GetService(typeof(IValidator<>).MakeGenericType(command.GetType())) as IValidator;
            if (validator is not null) AddErrors(page, (await validator.ValidateAsync(new ValidationContext<object>(command), ct)).Errors);
            return null;
        }
        try
        {
            var outcome = await bus.InvokeAsync<Outcome>(command, ct);
            if (outcome.Succeeded) return outcome;
            if (outcome.Problem is ValidationProblemDetails invalid)
                foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages)
                    page.ModelState.AddModelError(FieldOf(page, field), message);
            else
                page.ModelState.AddModelError(problemField, outcome.Problem!.Detail ?? outcome.Problem.Title ?? "That was refused.");
        }
        catch (ValidationException e)
        {
            AddErrors(page, e.Errors);
        }
        return null;
    }

    private static void AddErrors(PageModel page, IEnumerable<ValidationFailure> errors)
    {
        foreach (var error in errors) page.ModelState.AddModelError(FieldOf(page, error.PropertyName), Labelled(page, error));
    }

    /// <summary>The items of a field typed as a list ("KE, CI" or "paychws youth"), commas or spaces between them.</summary>
    public static string[] Items(string? typed) =>
        typed?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>
    /// The page's field an error of the command belongs to, so it shows next to that input: "countries[2]" is the
    /// Countries input, "spendCap.currency" the SpendCapCurrency input. Other names keep their path ("Audience.Countries"),
    /// which a page may look up itself.
    /// </summary>
    public static string FieldOf(PageModel page, string field)
    {
        var segments = field.Split('.').Select(s => s.Split('[')[0]).Where(s => s.Length > 0).ToArray();
        if (segments.Length == 0) return "";
        return BoundProperty(page, string.Concat(segments))
            ?? (field.Split('.')[0].Contains('[') ? BoundProperty(page, segments[0]) : null)
            ?? char.ToUpperInvariant(field[0]) + field[1..];
    }

    // FluentValidation names the command's property ("'Occurred On' must not be empty."); the page names its label.
    private static string Labelled(PageModel page, ValidationFailure error)
    {
        if (BoundProperty(page, FieldOf(page, error.PropertyName)) is not { } field
            || error.FormattedMessagePlaceholderValues?.GetValueOrDefault("PropertyName") is not string named)
            return error.ErrorMessage;
        var label = page.MetadataProvider.GetMetadataForProperty(page.GetType(), field).DisplayName;
        return label is null ? error.ErrorMessage : error.ErrorMessage.Replace($"'{named}'", $"'{label}'");
    }

    private static string? BoundProperty(PageModel page, string name)
    {
        var property = page.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetCustomAttribute<BindPropertyAttribute>() is not null ? property.Name : null;
    }
}
