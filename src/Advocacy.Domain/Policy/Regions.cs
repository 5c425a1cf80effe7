using Advocacy.Domain.Common;

namespace Advocacy.Domain.Policy;

/// <summary>
/// WHO regions, the grouping ministries of health and the coalition report in: AFRO (Africa), EMRO (Eastern
/// Mediterranean), SEARO (South-East Asia), WPRO (Western Pacific), PAHO (the Americas), EURO (Europe).
/// Member states as listed by WHO; a country not listed (territories) is "other". Codes are ISO 3166-1 alpha-2.
/// </summary>
public static class Regions
{
    public static readonly IReadOnlyList<string> Codes = ["AFRO", "EMRO", "SEARO", "WPRO", "PAHO", "EURO", "OTHER"];

    private static readonly Dictionary<string, string> ByCountry = Build(new()
    {
        ["AFRO"] = "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MR MU MZ NA NE NG RW ST SN SC SL ZA SS TG UG TZ ZM ZW",
        ["EMRO"] = "AF BH DJ EG IR IQ JO KW LB LY MA OM PK PS QA SA SO SD SY TN AE YE",
        ["SEARO"] = "BD BT KP IN ID MV MM NP LK TH TL",
        ["WPRO"] = "AU BN KH CN CK FJ JP KI LA MY MH FM MN NR NZ NU PW PG PH KR WS SG SB TO TV VU VN",
        ["PAHO"] = "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE",
        ["EURO"] = "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IL IT KZ KG LV LT LU MT MC ME NL MK NO PL PT MD RO RU SM RS SK SI ES SE CH TJ TR TM UA GB UZ",
    });

    private static Dictionary<string, string> Build(Dictionary<string, string> lists) =>
        lists.SelectMany(r => r.Value.Split(' ').Select(c => (Country: c, Region: r.Key))).ToDictionary(x => x.Country, x => x.Region);

    public static string Of(string country) => ByCountry.GetValueOrDefault(Countries.Normalise(country), "OTHER");

    public static bool IsKnown(string? region) => region is not null && Codes.Contains(region.ToUpperInvariant());
}
