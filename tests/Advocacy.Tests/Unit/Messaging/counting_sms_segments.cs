using Advocacy.Domain.Messaging;
using Advocacy.Web.Messaging;
using Alba;

namespace Advocacy.Tests.Unit.Messaging;

public class counting_sms_segments
{
    [Theory]
    [InlineData("", "GSM-7", 0, 0)]
    [InlineData("Call your MP today: #PayCHWs", "GSM-7", 28, 1)]
    [InlineData("Prix: 10€", "GSM-7", 10, 1)]                  // € is an extension character: two septets
    [InlineData("[budget] {now}", "GSM-7", 18, 1)]
    [InlineData("Réunion à 10h, été", "GSM-7", 18, 1)]        // é, à are in the GSM-7 basic set
    [InlineData("Appelez votre député, ça compte", "UCS-2", 31, 1)] // ç (lower case) is not
    [InlineData("Ligue para o seu deputado já", "UCS-2", 28, 1)]   // á is not
    [InlineData("Obrigação", "UCS-2", 9, 1)]
    [InlineData("We did it 🎉", "UCS-2", 12, 1)]                // an emoji is a surrogate pair: two units
    public void knows_the_encoding_and_units(string text, string encoding, int units, int segments)
    {
        var size = SmsSegments.Measure(text);
        size.EncodingName.ShouldBe(encoding);
        size.Units.ShouldBe(units);
        size.Segments.ShouldBe(segments);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void gsm7_fits_160_alone_and_153_per_part(int length, int segments) =>
        SmsSegments.Measure(new string('a', length)).Segments.ShouldBe(segments);

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void ucs2_fits_70_alone_and_67_per_part(int length, int segments) =>
        SmsSegments.Measure(new string('ç', length)).Segments.ShouldBe(segments);

    [Fact]
    public void an_extension_character_is_never_split_across_parts()
    {
        // 152 letters then €: the escape and the € would straddle parts 1 and 2, so € moves to part 2 whole.
        var text = new string('a', 152) + "€" + new string('a', 152);
        var size = SmsSegments.Measure(text);
        size.Units.ShouldBe(306);
        size.Segments.ShouldBe(3); // 152 | 2+151 | 1
    }

    [Fact]
    public void an_emoji_is_never_split_across_parts()
    {
        var text = new string('ç', 66) + "🎉" + new string('ç', 66);
        var size = SmsSegments.Measure(text);
        size.Units.ShouldBe(134);
        size.Segments.ShouldBe(3); // 66 | 2+65 | 1
    }
}

public class the_segment_counter_endpoint(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task answers_encoding_units_and_segments()
    {
        var result = await Host.Scenario(s => { s.Post.Json(new { text = "Feito! Obrigação" }).ToUrl("/api/sms/segments"); s.AsAdmin(); });
        var count = await result.Read<SegmentCount>();
        count.ShouldBe(new SegmentCount("UCS-2", 16, 1));
        await Host.Scenario(s => { s.Post.Json(new { text = "x" }).ToUrl("/api/sms/segments"); s.StatusCodeShouldBe(401); });
    }
}
