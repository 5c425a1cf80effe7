using System.Collections.Frozen;

namespace Advocacy.Domain.Common;

/// <summary>
/// The advocate's time zone, derived from the country (quiet hours are in local time).
/// Ids are the country's own name in the IANA zone.tab (Africa/Blantyre, not the Africa/Maputo it links to),
/// so a reader sees the country in the id; a country with several zones gets its capital's.
/// </summary>
public static class TimeZones
{
    public const string Utc = "Etc/UTC";

    public static readonly FrozenDictionary<string, string> ByCountry = new Dictionary<string, string>
    {
        // Africa (island states are under Atlantic/ and Indian/ below)
        ["AO"] = "Africa/Luanda", ["BF"] = "Africa/Ouagadougou", ["BI"] = "Africa/Bujumbura",
        ["BJ"] = "Africa/Porto-Novo", ["BW"] = "Africa/Gaborone", ["CD"] = "Africa/Kinshasa",
        ["CF"] = "Africa/Bangui", ["CG"] = "Africa/Brazzaville", ["CI"] = "Africa/Abidjan", ["CM"] = "Africa/Douala",
        ["DJ"] = "Africa/Djibouti", ["DZ"] = "Africa/Algiers", ["EG"] = "Africa/Cairo", ["EH"] = "Africa/El_Aaiun",
        ["ER"] = "Africa/Asmara", ["ET"] = "Africa/Addis_Ababa", ["GA"] = "Africa/Libreville",
        ["GH"] = "Africa/Accra", ["GM"] = "Africa/Banjul", ["GN"] = "Africa/Conakry", ["GQ"] = "Africa/Malabo",
        ["GW"] = "Africa/Bissau", ["KE"] = "Africa/Nairobi", ["LR"] = "Africa/Monrovia", ["LS"] = "Africa/Maseru",
        ["LY"] = "Africa/Tripoli", ["MA"] = "Africa/Casablanca", ["ML"] = "Africa/Bamako",
        ["MR"] = "Africa/Nouakchott", ["MW"] = "Africa/Blantyre", ["MZ"] = "Africa/Maputo",
        ["NA"] = "Africa/Windhoek", ["NE"] = "Africa/Niamey", ["NG"] = "Africa/Lagos", ["RW"] = "Africa/Kigali",
        ["SD"] = "Africa/Khartoum", ["SL"] = "Africa/Freetown", ["SN"] = "Africa/Dakar", ["SO"] = "Africa/Mogadishu",
        ["SS"] = "Africa/Juba", ["ST"] = "Africa/Sao_Tome", ["SZ"] = "Africa/Mbabane", ["TD"] = "Africa/Ndjamena",
        ["TG"] = "Africa/Lome", ["TN"] = "Africa/Tunis", ["TZ"] = "Africa/Dar_es_Salaam", ["UG"] = "Africa/Kampala",
        ["ZA"] = "Africa/Johannesburg", ["ZM"] = "Africa/Lusaka", ["ZW"] = "Africa/Harare",
        // Atlantic and Indian Ocean
        ["BM"] = "Atlantic/Bermuda", ["CV"] = "Atlantic/Cape_Verde", ["FK"] = "Atlantic/Stanley",
        ["FO"] = "Atlantic/Faroe", ["GS"] = "Atlantic/South_Georgia", ["IS"] = "Atlantic/Reykjavik",
        ["SH"] = "Atlantic/St_Helena",
        ["CC"] = "Indian/Cocos", ["CX"] = "Indian/Christmas", ["IO"] = "Indian/Chagos", ["KM"] = "Indian/Comoro",
        ["MG"] = "Indian/Antananarivo", ["MU"] = "Indian/Mauritius", ["MV"] = "Indian/Maldives",
        ["RE"] = "Indian/Reunion", ["SC"] = "Indian/Mahe", ["TF"] = "Indian/Kerguelen", ["YT"] = "Indian/Mayotte",
        // Americas
        ["AG"] = "America/Antigua", ["AI"] = "America/Anguilla", ["AR"] = "America/Argentina/Buenos_Aires",
        ["AW"] = "America/Aruba", ["BB"] = "America/Barbados", ["BL"] = "America/St_Barthelemy",
        ["BO"] = "America/La_Paz", ["BQ"] = "America/Kralendijk", ["BR"] = "America/Sao_Paulo",
        ["BS"] = "America/Nassau", ["BZ"] = "America/Belize", ["CA"] = "America/Toronto",
        ["CL"] = "America/Santiago", ["CO"] = "America/Bogota", ["CR"] = "America/Costa_Rica",
        ["CU"] = "America/Havana", ["CW"] = "America/Curacao", ["DM"] = "America/Dominica",
        ["DO"] = "America/Santo_Domingo", ["EC"] = "America/Guayaquil", ["GD"] = "America/Grenada",
        ["GF"] = "America/Cayenne", ["GL"] = "America/Nuuk", ["GP"] = "America/Guadeloupe",
        ["GT"] = "America/Guatemala", ["GY"] = "America/Guyana", ["HN"] = "America/Tegucigalpa",
        ["HT"] = "America/Port-au-Prince", ["JM"] = "America/Jamaica", ["KN"] = "America/St_Kitts",
        ["KY"] = "America/Cayman", ["LC"] = "America/St_Lucia", ["MF"] = "America/Marigot",
        ["MQ"] = "America/Martinique", ["MS"] = "America/Montserrat", ["MX"] = "America/Mexico_City",
        ["NI"] = "America/Managua", ["PA"] = "America/Panama", ["PE"] = "America/Lima", ["PM"] = "America/Miquelon",
        ["PR"] = "America/Puerto_Rico", ["PY"] = "America/Asuncion", ["SR"] = "America/Paramaribo",
        ["SV"] = "America/El_Salvador", ["SX"] = "America/Lower_Princes", ["TC"] = "America/Grand_Turk",
        ["TT"] = "America/Port_of_Spain", ["US"] = "America/New_York", ["UY"] = "America/Montevideo",
        ["VC"] = "America/St_Vincent", ["VE"] = "America/Caracas", ["VG"] = "America/Tortola",
        ["VI"] = "America/St_Thomas",
        // Europe
        ["AD"] = "Europe/Andorra", ["AL"] = "Europe/Tirane", ["AT"] = "Europe/Vienna", ["AX"] = "Europe/Mariehamn",
        ["BA"] = "Europe/Sarajevo", ["BE"] = "Europe/Brussels", ["BG"] = "Europe/Sofia", ["BY"] = "Europe/Minsk",
        ["CH"] = "Europe/Zurich", ["CZ"] = "Europe/Prague", ["DE"] = "Europe/Berlin", ["DK"] = "Europe/Copenhagen",
        ["EE"] = "Europe/Tallinn", ["ES"] = "Europe/Madrid", ["FI"] = "Europe/Helsinki", ["FR"] = "Europe/Paris",
        ["GB"] = "Europe/London", ["GG"] = "Europe/Guernsey", ["GI"] = "Europe/Gibraltar", ["GR"] = "Europe/Athens",
        ["HR"] = "Europe/Zagreb", ["HU"] = "Europe/Budapest", ["IE"] = "Europe/Dublin",
        ["IM"] = "Europe/Isle_of_Man", ["IT"] = "Europe/Rome", ["JE"] = "Europe/Jersey", ["LI"] = "Europe/Vaduz",
        ["LT"] = "Europe/Vilnius", ["LU"] = "Europe/Luxembourg", ["LV"] = "Europe/Riga", ["MC"] = "Europe/Monaco",
        ["MD"] = "Europe/Chisinau", ["ME"] = "Europe/Podgorica", ["MK"] = "Europe/Skopje", ["MT"] = "Europe/Malta",
        ["NL"] = "Europe/Amsterdam", ["NO"] = "Europe/Oslo", ["PL"] = "Europe/Warsaw", ["PT"] = "Europe/Lisbon",
        ["RO"] = "Europe/Bucharest", ["RS"] = "Europe/Belgrade", ["RU"] = "Europe/Moscow",
        ["SE"] = "Europe/Stockholm", ["SI"] = "Europe/Ljubljana", ["SK"] = "Europe/Bratislava",
        ["SM"] = "Europe/San_Marino", ["TR"] = "Europe/Istanbul", ["UA"] = "Europe/Kyiv", ["VA"] = "Europe/Vatican",
        ["XK"] = "Europe/Belgrade", ["SJ"] = "Arctic/Longyearbyen",
        // Asia
        ["AE"] = "Asia/Dubai", ["AF"] = "Asia/Kabul", ["AM"] = "Asia/Yerevan", ["AZ"] = "Asia/Baku",
        ["BD"] = "Asia/Dhaka", ["BH"] = "Asia/Bahrain", ["BN"] = "Asia/Brunei", ["BT"] = "Asia/Thimphu",
        ["CN"] = "Asia/Shanghai", ["CY"] = "Asia/Nicosia", ["GE"] = "Asia/Tbilisi", ["HK"] = "Asia/Hong_Kong",
        ["ID"] = "Asia/Jakarta", ["IL"] = "Asia/Jerusalem", ["IN"] = "Asia/Kolkata", ["IQ"] = "Asia/Baghdad",
        ["IR"] = "Asia/Tehran", ["JO"] = "Asia/Amman", ["JP"] = "Asia/Tokyo", ["KG"] = "Asia/Bishkek",
        ["KH"] = "Asia/Phnom_Penh", ["KP"] = "Asia/Pyongyang", ["KR"] = "Asia/Seoul", ["KW"] = "Asia/Kuwait",
        ["KZ"] = "Asia/Almaty", ["LA"] = "Asia/Vientiane", ["LB"] = "Asia/Beirut", ["LK"] = "Asia/Colombo",
        ["MM"] = "Asia/Yangon", ["MN"] = "Asia/Ulaanbaatar", ["MO"] = "Asia/Macau", ["MY"] = "Asia/Kuala_Lumpur",
        ["NP"] = "Asia/Kathmandu", ["OM"] = "Asia/Muscat", ["PH"] = "Asia/Manila", ["PK"] = "Asia/Karachi",
        ["PS"] = "Asia/Hebron", ["QA"] = "Asia/Qatar", ["SA"] = "Asia/Riyadh", ["SG"] = "Asia/Singapore",
        ["SY"] = "Asia/Damascus", ["TH"] = "Asia/Bangkok", ["TJ"] = "Asia/Dushanbe", ["TL"] = "Asia/Dili",
        ["TM"] = "Asia/Ashgabat", ["TW"] = "Asia/Taipei", ["UZ"] = "Asia/Tashkent", ["VN"] = "Asia/Ho_Chi_Minh",
        ["YE"] = "Asia/Aden",
        // Oceania
        ["AU"] = "Australia/Sydney",
        ["AS"] = "Pacific/Pago_Pago", ["CK"] = "Pacific/Rarotonga", ["FJ"] = "Pacific/Fiji",
        ["FM"] = "Pacific/Pohnpei", ["GU"] = "Pacific/Guam", ["KI"] = "Pacific/Tarawa", ["MH"] = "Pacific/Majuro",
        ["MP"] = "Pacific/Saipan", ["NC"] = "Pacific/Noumea", ["NF"] = "Pacific/Norfolk", ["NR"] = "Pacific/Nauru",
        ["NU"] = "Pacific/Niue", ["NZ"] = "Pacific/Auckland", ["PF"] = "Pacific/Tahiti",
        ["PG"] = "Pacific/Port_Moresby", ["PN"] = "Pacific/Pitcairn", ["PW"] = "Pacific/Palau",
        ["SB"] = "Pacific/Guadalcanal", ["TK"] = "Pacific/Fakaofo", ["TO"] = "Pacific/Tongatapu",
        ["TV"] = "Pacific/Funafuti", ["VU"] = "Pacific/Efate", ["WF"] = "Pacific/Wallis", ["WS"] = "Pacific/Apia",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The IANA zone id for an ISO 3166-1 alpha-2 country code; <see cref="Utc"/> when unknown.</summary>
    public static string ForCountry(string? countryCode) =>
        countryCode is null ? Utc : ByCountry.GetValueOrDefault(countryCode.Trim().ToUpperInvariant(), Utc);

    /// <summary>
    /// The zone, or UTC when this machine does not know it (a slim container without tzdata): sending at a
    /// UTC hour is better than failing the send.
    /// </summary>
    public static TimeZoneInfo Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>An IANA zone id ("Area/City") this machine knows; Windows names are refused.</summary>
    public static bool IsKnown(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Length > 64 || !ianaId.Contains('/')) return false;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId.Trim()).HasIanaId;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
