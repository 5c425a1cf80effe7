namespace Advocacy.Web.Pages.Alerts;

public static class AlertSchedule
{
    /// <summary>A <c>datetime-local</c> field carries no offset; the pages label it UTC, so it is read as UTC.</summary>
    public static DateTimeOffset Utc(DateTime typed) => new(DateTime.SpecifyKind(typed, DateTimeKind.Utc));
}
