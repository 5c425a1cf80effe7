namespace Advocacy.Domain.Advocates;

/// <summary>
/// One row per phone number in use by an active advocate, keyed by the E.164 number. The primary key
/// makes the database refuse a second claim, so two concurrent enrolments cannot both win.
/// </summary>
public record PhoneClaim(string Id, Guid AdvocateId);
