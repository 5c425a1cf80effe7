using Advocacy.Domain.Common;

namespace Advocacy.Tests.Unit;

public class normalising_phone_numbers
{
    [Theory]
    // Liberia
    [InlineData("0770 123 456", "LR", "+231770123456")]
    [InlineData("+231 770 123 456", "LR", "+231770123456")]
    [InlineData("00231770123456", "LR", "+231770123456")]
    [InlineData("0886-123-456", "LR", "+231886123456")]
    [InlineData("(0555) 123 456", "LR", "+231555123456")]
    // Uganda
    [InlineData("0772 123456", "UG", "+256772123456")]
    [InlineData("+256 772 123 456", "UG", "+256772123456")]
    [InlineData("0701-234-567", "UG", "+256701234567")]
    // Kenya
    [InlineData("0712 345678", "KE", "+254712345678")]
    [InlineData("+254 712 345 678", "KE", "+254712345678")]
    [InlineData("0722345678", "KE", "+254722345678")]
    [InlineData("+254-733-123456", "KE", "+254733123456")]
    [InlineData("0110 123456", "KE", "+254110123456")]
    // Malawi
    [InlineData("0991 23 45 67", "MW", "+265991234567")]
    [InlineData("+265 888 123 456", "MW", "+265888123456")]
    // Sierra Leone
    [InlineData("076 123456", "SL", "+23276123456")]
    [InlineData("+232 76 123 456", "SL", "+23276123456")]
    // Côte d'Ivoire (ten-digit plan since 2021)
    [InlineData("07 07 12 34 56", "CI", "+2250707123456")]
    [InlineData("+225 07 07 12 34 56", "CI", "+2250707123456")]
    [InlineData("05 05 12 34 56", "CI", "+2250505123456")]
    // Mozambique
    [InlineData("84 123 4567", "MZ", "+258841234567")]
    [InlineData("+258 84 123 4567", "MZ", "+258841234567")]
    [InlineData("00258 86 123 4567", "MZ", "+258861234567")]
    // An international number keeps its own country whatever the default.
    [InlineData("+254 712 345 678", "LR", "+254712345678")]
    [InlineData("  0712 345 678 ", "ke", "+254712345678")]
    public void reads_local_and_international_formats_as_e164(string typed, string country, string expected) =>
        Phones.ToE164(typed, country).ShouldBe(expected);

    [Theory]
    [InlineData("12345", "LR")]
    [InlineData("0770 12", "LR")]
    [InlineData("+999 123 456", "KE")]
    [InlineData("call me", "KE")]
    [InlineData("", "KE")]
    [InlineData(null, "KE")]
    [InlineData("0712 345678", null)]
    [InlineData("07123456789012345678901234567890123456789", "KE")]
    public void refuses_numbers_that_cannot_exist(string? typed, string? country) =>
        Phones.ToE164(typed, country).ShouldBeNull();
}
