using Advocacy.Domain.Common;

namespace Advocacy.Domain.Advocates;

/// <summary>Limits and clean-up shared by the advocate commands.</summary>
public static class AdvocateRules
{
    public const int MaxName = 200;
    public const int MaxEmail = 254;
    public const int MaxAssociation = 200;
    public const int MaxSource = 100;
    public const int MaxTags = 30;
    public const string TagMessage = "Tags are 1-50 characters: letters, digits, '-', '_' or ':'.";

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string? CleanEmail(string? email) => Clean(email)?.ToLowerInvariant();

    public static string[] CleanTags(IEnumerable<string>? tags) =>
        tags is null ? [] : [.. tags.Select(Tags.Normalise).Distinct().Order()];

    public static Outcome DuplicatePhone(PhoneClaim existing) => Outcome.Conflict(existing.AdvocateId,
        "Phone number already enrolled",
        $"{existing.Id} belongs to advocate {existing.AdvocateId}.",
        new Dictionary<string, object?> { ["existingId"] = existing.AdvocateId });
}
