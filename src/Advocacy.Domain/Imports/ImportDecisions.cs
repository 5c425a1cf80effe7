using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;

namespace Advocacy.Domain.Imports;

/// <summary>
/// What one row does, decided with the API's own validators and decide functions: enrol a new advocate, or
/// append only the changes the row brings to an existing one (nothing at all when it brings none).
/// </summary>
public static class ImportDecisions
{
    public sealed record RowDecision(object[] Events, string? Problem = null)
    {
        public static RowDecision Fail(string problem) => new([], problem);
    }

    private static readonly EnrollAdvocate.Validator Enrol = new();
    private static readonly ChangeContactDetails.Validator Contact = new();
    private static readonly ChangeLanguage.Validator Language = new();
    private static readonly TagAdvocate.Validator Tag = new();
    private static readonly ChangeTimeZone.Validator Zone = new();

    public static RowDecision ForNew(ImportedRow row, Guid id, string consentSource, Actor by, DateTimeOffset now)
    {
        // A number in +<country code> form tells the country when the file does not.
        var country = row.Country ?? (row.Phone?.TrimStart().StartsWith('+') == true && Phones.ToE164(row.Phone, null) is { } e164
            ? PhoneRegions.CountryOf(e164) : null);
        var cmd = new EnrollAdvocate(row.Name ?? "", row.Phone ?? "", row.Email, country ?? "",
            row.Language ?? CountryLanguages.For(country), row.Association, row.Tags, row.SmsConsent,
            row.SmsConsent || row.EmailConsent ? consentSource : null) { By = by };
        if (Problems(Enrol.Validate(cmd), row.TimeZone is null ? null : Zone.Validate(new ChangeTimeZone(id, row.TimeZone, null))) is { } problem)
            return RowDecision.Fail(problem);

        var enrolled = EnrollAdvocateHandler.Decide(cmd, id, now) with { EmailConsent = row.EmailConsent };
        return row.TimeZone is null
            ? new RowDecision([enrolled])
            : new RowDecision([enrolled, new TimeZoneChanged(id, row.TimeZone.Trim(), by.Name, now)]);
    }

    /// <summary>Only the fields the row fills in; never removes a value, a tag or a consent, never overrides an opt-out.</summary>
    public static RowDecision ForExisting(Advocate advocate, ImportedRow row, string consentSource, Actor by, DateTimeOffset now)
    {
        if (advocate.Status == AdvocateStatus.Merged) return RowDecision.Fail($"Advocate {advocate.Id} was merged into {advocate.MergedInto}.");
        var id = advocate.Id;
        var contact = (row.Name ?? row.Email ?? row.Country ?? row.Association) is null ? null
            : new ChangeContactDetails(id, row.Name, null, row.Email, row.Country, row.Association, null) { By = by };
        var language = row.Language is null ? null : new ChangeLanguage(id, row.Language, null) { By = by };
        var tags = row.Tags is not { Length: > 0 } ? null : new TagAdvocate(id, row.Tags, null) { By = by };
        var zone = row.TimeZone is null ? null : new ChangeTimeZone(id, row.TimeZone, null) { By = by };
        if (Problems(contact is null ? null : Contact.Validate(contact), language is null ? null : Language.Validate(language),
                tags is null ? null : Tag.Validate(tags), zone is null ? null : Zone.Validate(zone)) is { } invalid)
            return RowDecision.Fail(invalid);

        var events = new List<object>();
        var current = advocate;
        foreach (var decide in new Func<Advocate, Decision?>[]
                 {
                     a => contact is null ? null : ChangeContactDetailsHandler.Decide(a, contact, now),
                     a => language is null ? null : ChangeLanguageHandler.Decide(a, language, now),
                     a => tags is null ? null : TagAdvocateHandler.Decide(a, tags, now),
                     a => zone is null ? null : ChangeTimeZoneHandler.Decide(a, zone, now),
                     a => Consent(a, row.SmsConsent, Channel.Sms),
                     a => Consent(a, row.EmailConsent && a.Email is not null, Channel.Email),
                 })
        {
            if (decide(current) is not { } decision) continue;
            if (decision.Problem?.Problem is { } problem) return RowDecision.Fail(Describe(problem));
            events.AddRange(decision.Events);
            foreach (var e in decision.Events) if (e is ContactDetailsChanged changed) current = current.Apply(changed);
        }
        return new RowDecision([.. events]);

        Decision? Consent(Advocate a, bool given, Channel channel)
        {
            if (!given) return null;
            var decision = ChangeConsentHandler.Decide(a, new ChangeConsent(id, ConsentChange.Give, channel, consentSource, null) { By = by }, now);
            // An opt-out is reversed only by the advocate's explicit opt-in, never by a spreadsheet.
            return decision.Problem is null ? decision : null;
        }
    }

    private static string? Problems(params ValidationResult?[] results)
    {
        var errors = results.Where(r => r is { IsValid: false }).SelectMany(r => r!.Errors)
            .Select(e => $"{Camel(e.PropertyName)}: {e.ErrorMessage}").Distinct().ToList();
        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    private static string Describe(ProblemDetails problem) => problem is ValidationProblemDetails v
        ? string.Join(" ", v.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}")))
        : problem.Detail ?? problem.Title ?? "Refused.";

    private static string Camel(string property) =>
        string.IsNullOrEmpty(property) ? "row" : char.ToLowerInvariant(property[0]) + property[1..];
}
