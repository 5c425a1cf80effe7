using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Messaging;

public class writing_sms_replies
{
    public static TheoryData<ReplyKind, string> EveryReply()
    {
        var data = new TheoryData<ReplyKind, string>();
        foreach (var kind in Enum.GetValues<ReplyKind>())
            foreach (var language in new[] { "en", "fr", "pt" })
                data.Add(kind, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void every_reply_is_written_and_fits_one_sms(ReplyKind kind, string language)
    {
        var text = SmsReplies.For(kind, language, "Musu Kollie");
        text.ShouldNotBeNullOrWhiteSpace();
        text.Length.ShouldBeLessThanOrEqualTo(160);
        text.ShouldNotContain("{");
    }

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void english_and_french_replies_go_as_one_segment(ReplyKind kind, string language)
    {
        if (language == "pt") return; // ã and ç force UCS-2; Portuguese texts are only kept short.
        var text = SmsReplies.For(kind, language, "Musu Kollie");
        Gsm7.Segments(text).ShouldBe(1, text);
    }

    [Fact]
    public void the_three_languages_are_supported() =>
        SmsReplies.SupportedLanguages.ShouldBe(["en", "fr", "pt"], ignoreOrder: true);

    [Theory]
    [InlineData("sw")]
    [InlineData("es")]
    [InlineData("")]
    [InlineData(null)]
    public void an_unknown_language_falls_back_to_english(string? language)
    {
        foreach (var kind in Enum.GetValues<ReplyKind>())
            SmsReplies.For(kind, language).ShouldBe(SmsReplies.For(kind, "en"));
    }

    [Fact]
    public void a_regional_language_tag_uses_its_language() =>
        SmsReplies.For(ReplyKind.Help, "fr-CI").ShouldBe(SmsReplies.For(ReplyKind.Help, "fr"));

    [Theory]
    [InlineData("en", "STOP")]
    [InlineData("fr", "STOP")]
    [InlineData("fr", "ARRET")]
    [InlineData("fr", "AIDE")]
    [InlineData("pt", "STOP")]
    [InlineData("pt", "PARAR")]
    [InlineData("pt", "AJUDA")]
    public void help_says_who_we_are_and_how_to_stop_in_words_the_advocate_types(string language, string keyword)
    {
        var help = SmsReplies.For(ReplyKind.Help, language);
        help.ShouldContain("CHW Advocacy");
        help.ShouldContain(keyword);
    }

    [Theory]
    [InlineData("en", "English")]
    [InlineData("fr", "français")]
    [InlineData("pt", "português")]
    public void a_language_change_is_confirmed_in_the_new_language(string language, string name) =>
        SmsReplies.For(ReplyKind.LanguageChanged, language).ShouldContain(name);

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("pt")]
    public void a_welcome_greets_by_name_and_reads_well_without_one(string language)
    {
        SmsReplies.For(ReplyKind.JoinWelcome, language, "  Musu   Kollie ").ShouldContain("Musu Kollie");
        var nameless = SmsReplies.For(ReplyKind.JoinWelcome, language, " ");
        nameless.ShouldNotContain("{");
        nameless.ShouldNotContain(", !");
        nameless.ShouldNotContain(",!");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("pt")]
    public void a_long_name_is_cut_so_the_welcome_still_fits(string language) =>
        SmsReplies.For(ReplyKind.JoinWelcome, language, new string('M', 100)).Length.ShouldBeLessThanOrEqualTo(160);

    [Fact]
    public void asking_for_a_name_shows_how_to_join_in_the_advocates_language()
    {
        SmsReplies.For(ReplyKind.JoinNeedsName, "en").ShouldContain("JOIN ");
        SmsReplies.For(ReplyKind.JoinNeedsName, "fr").ShouldContain("REJOINDRE ");
        SmsReplies.For(ReplyKind.JoinNeedsName, "pt").ShouldContain("ADERIR ");
    }

    [Fact]
    public void every_keyword_a_reply_suggests_is_one_the_parser_understands()
    {
        var suggested = new Dictionary<string, KeywordKind>
        {
            ["STOP"] = KeywordKind.Stop, ["ARRET"] = KeywordKind.Stop, ["PARAR"] = KeywordKind.Stop,
            ["START"] = KeywordKind.Start, ["INICIAR"] = KeywordKind.Start,
            ["HELP"] = KeywordKind.Help, ["AIDE"] = KeywordKind.Help, ["AJUDA"] = KeywordKind.Help,
            ["FR"] = KeywordKind.Language, ["PT"] = KeywordKind.Language,
            ["JOIN Musu Kollie"] = KeywordKind.Join, ["REJOINDRE Awa Koné"] = KeywordKind.Join,
            ["ADERIR Ana Machava"] = KeywordKind.Join,
        };
        foreach (var (text, kind) in suggested) Keywords.Parse(text).Kind.ShouldBe(kind, text);
    }

    /// <summary>How many segments a text takes: GSM-7 160/153 per segment, else UCS-2 70/67.</summary>
    private static class Gsm7
    {
        private const string Basic =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        private const string Extension = "^{}\\[~]|€\f";

        public static int Segments(string text)
        {
            if (text.All(c => Basic.Contains(c) || Extension.Contains(c)))
            {
                var septets = text.Sum(c => Extension.Contains(c) ? 2 : 1);
                return septets <= 160 ? 1 : (septets + 152) / 153;
            }
            return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
        }
    }
}
