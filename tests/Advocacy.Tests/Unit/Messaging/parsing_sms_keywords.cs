using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Messaging;

public class parsing_sms_keywords
{
    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop! ")]
    [InlineData("Stop.")]
    [InlineData("\"STOP\"")]
    [InlineData("Arrêt")]
    [InlineData("ARRÊTER")]
    [InlineData("désabonner")]
    [InlineData("Désinscrire")]
    [InlineData("parar")]
    [InlineData("Sair")]
    [InlineData("cancelar")]
    [InlineData("unsubscribe")]
    [InlineData("StopAll")]
    [InlineData("END")]
    [InlineData("quit")]
    [InlineData("CANCEL")]
    [InlineData("optout")]
    [InlineData("revoke")]
    [InlineData("arrete")]
    public void every_opt_out_word_in_every_language_stops(string text) =>
        Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Stop);

    [Theory]
    [InlineData("please stop sending")]
    [InlineData("I will not stop")]
    [InlineData("STOP ALL")]
    [InlineData("stopp")]
    public void stop_inside_a_sentence_is_not_an_opt_out(string text) =>
        Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Other);

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    [InlineData("Commencer")]
    [InlineData("iniciar")]
    [InlineData("yes")]
    [InlineData("Oui !")]
    [InlineData("SIM")]
    public void start_words_restart(string text) => Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Start);

    [Theory]
    [InlineData("YES")]
    [InlineData("oui")]
    [InlineData("Sim.")]
    public void yes_answering_an_alert_is_left_to_the_caller(string text)
    {
        var intent = Keywords.Parse(text, yesMeansStart: false);
        intent.Kind.ShouldBe(KeywordKind.Other);
        intent.Text.ShouldBe(text);
        Keywords.Parse("START", yesMeansStart: false).Kind.ShouldBe(KeywordKind.Start);
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("info")]
    [InlineData("Aide")]
    [InlineData("ajuda?")]
    public void help_words_ask_for_help(string text) => Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Help);

    [Theory]
    [InlineData("DONE")]
    [InlineData("done!")]
    [InlineData("Fait")]
    [InlineData("feito")]
    public void done_words_report_an_action(string text) => Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Done);

    [Theory]
    [InlineData("pay")]
    [InlineData("PAY!")]
    [InlineData("#Pay")]
    public void the_campaign_keyword_reports_an_action(string text)
    {
        Keywords.Parse(text, campaignKeyword: "PAY").Kind.ShouldBe(KeywordKind.Done);
        Keywords.Parse(text).Kind.ShouldBe(KeywordKind.Other);
    }

    [Fact]
    public void the_campaign_keyword_ignores_accents_and_a_hashtag() =>
        Keywords.Parse("payé", campaignKeyword: "#PAYE").Kind.ShouldBe(KeywordKind.Done);

    [Fact]
    public void a_campaign_keyword_never_hides_an_opt_out() =>
        Keywords.Parse("stop", campaignKeyword: "STOP").Kind.ShouldBe(KeywordKind.Stop);

    [Theory]
    [InlineData("EN", "en")]
    [InlineData("english", "en")]
    [InlineData("Anglais", "en")]
    [InlineData("FR", "fr")]
    [InlineData("Français", "fr")]
    [InlineData("french", "fr")]
    [InlineData("pt", "pt")]
    [InlineData("Português", "pt")]
    [InlineData("PORTUGUESE", "pt")]
    public void language_words_switch_language(string text, string code)
    {
        var intent = Keywords.Parse(text);
        intent.Kind.ShouldBe(KeywordKind.Language);
        intent.Language.ShouldBe(code);
    }

    [Theory]
    [InlineData("JOIN Musu Kollie", "Musu Kollie")]
    [InlineData("join   Musu", "Musu")]
    [InlineData("  Join  Musu \t Kollie. ", "Musu Kollie")]
    [InlineData("REJOINDRE Awa Koné", "Awa Koné")]
    [InlineData("inscrire Awa", "Awa")]
    [InlineData("Aderir Ana Machava", "Ana Machava")]
    [InlineData("juntar Ana", "Ana")]
    [InlineData("JOIN", "")]
    [InlineData("join!", "")]
    public void join_takes_the_name_that_follows(string text, string name)
    {
        var intent = Keywords.Parse(text);
        intent.Kind.ShouldBe(KeywordKind.Join);
        intent.Name.ShouldBe(name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Our district has no CHW pay yet")]
    [InlineData("joining")]
    public void anything_else_is_other_and_keeps_the_original_text(string? text)
    {
        var intent = Keywords.Parse(text);
        intent.Kind.ShouldBe(KeywordKind.Other);
        intent.Text.ShouldBe(text ?? "");
    }
}
