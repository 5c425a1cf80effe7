using Advocacy.Domain.Common;

namespace Advocacy.Tests.Unit.Messaging;

public class finding_an_advocates_time_zone
{
    // The African Union's 55 members (with Western Sahara) plus the Indian Ocean and Atlantic territories.
    private static readonly string[] Africa =
    [
        "DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CD", "CG", "CI", "DJ", "EG", "GQ", "ER",
        "SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR", "LY", "MG", "MW", "ML", "MR", "MU", "MA", "MZ",
        "NA", "NE", "NG", "RW", "EH", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "SD", "TZ", "TG", "TN", "UG", "ZM",
        "ZW", "RE", "YT", "SH",
    ];

    [Theory]
    [InlineData("LR", "Africa/Monrovia")]
    [InlineData("KE", "Africa/Nairobi")]
    [InlineData("CI", "Africa/Abidjan")]
    [InlineData("MZ", "Africa/Maputo")]
    [InlineData("MW", "Africa/Blantyre")]
    [InlineData("UG", "Africa/Kampala")]
    [InlineData("SL", "Africa/Freetown")]
    [InlineData("CD", "Africa/Kinshasa")]
    [InlineData("US", "America/New_York")]
    [InlineData("GB", "Europe/London")]
    [InlineData("FR", "Europe/Paris")]
    [InlineData("IN", "Asia/Kolkata")]
    [InlineData("BR", "America/Sao_Paulo")]
    [InlineData("PH", "Asia/Manila")]
    [InlineData("BD", "Asia/Dhaka")]
    [InlineData("PK", "Asia/Karachi")]
    [InlineData("HT", "America/Port-au-Prince")]
    [InlineData(" lr ", "Africa/Monrovia")]
    public void a_country_gets_its_capitals_zone(string country, string zone) =>
        TimeZones.ForCountry(country).ShouldBe(zone);

    [Theory]
    [InlineData("ZZ")]
    [InlineData("")]
    [InlineData(null)]
    public void an_unknown_country_gets_utc(string? country) => TimeZones.ForCountry(country).ShouldBe("Etc/UTC");

    [Fact]
    public void every_african_country_is_mapped() =>
        Africa.Where(c => !TimeZones.ByCountry.ContainsKey(c)).ShouldBeEmpty();

    [Fact]
    public void every_mapped_zone_exists_on_this_machine()
    {
        var missing = TimeZones.ByCountry.Values.Append(TimeZones.Utc).Distinct().Where(id =>
        {
            try { TimeZoneInfo.FindSystemTimeZoneById(id); return false; }
            catch (TimeZoneNotFoundException) { return true; }
        });
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void finding_a_zone_falls_back_to_utc_when_the_machine_lacks_it()
    {
        TimeZones.Find("Africa/Nairobi").BaseUtcOffset.ShouldBe(TimeSpan.FromHours(3));
        TimeZones.Find("Mars/Olympus_Mons").ShouldBe(TimeZoneInfo.Utc);
        TimeZones.Find(null).ShouldBe(TimeZoneInfo.Utc);
    }
}
