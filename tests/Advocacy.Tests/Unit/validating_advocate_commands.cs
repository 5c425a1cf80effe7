using Advocacy.Domain.Advocates;

namespace Advocacy.Tests.Unit;

public class validating_advocate_commands
{
    private static EnrollAdvocate Valid() =>
        new("Musu Kollie", "0770 123 456", "musu@example.org", "LR", "en", "NCHAAL", ["paychws"], true, "paper-form");

    [Fact]
    public void a_complete_enrolment_is_valid() =>
        new EnrollAdvocate.Validator().Validate(Valid()).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("Name")]
    [InlineData("Phone")]
    [InlineData("Country")]
    [InlineData("Language")]
    [InlineData("Email")]
    [InlineData("Tags[0]")]
    [InlineData("ConsentSource")]
    public void each_bad_field_is_named(string field)
    {
        var command = field switch
        {
            "Name" => Valid() with { Name = new string('x', 201) },
            "Phone" => Valid() with { Phone = "0770" },
            "Country" => Valid() with { Country = "ZZ" },
            "Language" => Valid() with { Language = "english" },
            "Email" => Valid() with { Email = "musu at example" },
            "Tags[0]" => Valid() with { Tags = ["has space"] },
            "ConsentSource" => Valid() with { ConsentSource = null },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var result = new EnrollAdvocate.Validator().Validate(command);
        result.Errors.Select(e => e.PropertyName).ShouldContain(field);
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("fr", true)]
    [InlineData("pt-MZ", true)]
    [InlineData("sw", true)]
    [InlineData("xx", false)]
    [InlineData("english", false)]
    [InlineData("", false)]
    public void languages_are_bcp47_tags(string tag, bool valid) =>
        Advocacy.Domain.Common.Languages.IsValid(tag).ShouldBe(valid);

    [Fact]
    public void a_contact_change_needs_at_least_one_field()
    {
        var result = new ChangeContactDetails.Validator().Validate(new ChangeContactDetails(Guid.NewGuid(), null, null, null, null, null, null));
        result.IsValid.ShouldBeFalse();
    }
}
