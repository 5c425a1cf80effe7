using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit;

/// <summary>The text an organizer writes is called what the forms call it, "Message", in every error about it.</summary>
public class naming_a_message_in_errors
{
    [Fact]
    public void an_empty_message_to_an_advocate_is_called_a_message() =>
        new SendMessage.Validator().Validate(new SendMessage(Guid.NewGuid(), Channel.Sms, "", null)).Errors
            .Select(e => e.ErrorMessage).ShouldBe(["'Message' must not be empty."]);

    [Fact]
    public void an_empty_language_of_an_alert_is_called_a_message() =>
        new DraftAlert.Validator().Validate(new DraftAlert(Guid.NewGuid(), [Channel.Sms],
                new Dictionary<string, string> { ["en"] = "Call your MP today.", ["fr"] = "" }, null, "en", null, null)).Errors
            .Select(e => e.ErrorMessage).ShouldContain("'Message' must not be empty.");
}
