using Masam.Web.Features.Sms;

namespace Masam.Web.Tests.Features.Sms;

/// <summary>The SMS keyword grammar: Mongolian in either script with its usual Latin spellings, English, and everything else helped.</summary>
public sealed class SmsGrammarTests
{
    [Theory]
    [InlineData("ҮНЭЛГЭЭ 4 ULS01 дараалал урт", SmsLanguage.MongolianCyrillic, "дараалал урт")]
    [InlineData("unelgee 4 uls01 daraalal urt", SmsLanguage.MongolianLatin, "daraalal urt")]
    [InlineData("vnelgee 4 ULS01 daraalal urt", SmsLanguage.MongolianLatin, "daraalal urt")]
    [InlineData("Ünelgee 4 Uls01   daraalal urt  ", SmsLanguage.MongolianLatin, "daraalal urt")]
    [InlineData("үнэлгээ uls01 4 дараалал урт", SmsLanguage.MongolianCyrillic, "дараалал урт")]
    [InlineData("4 ULS01 дараалал урт", SmsLanguage.MongolianCyrillic, "дараалал урт")]
    [InlineData("ҮНЭЛГЭЭ 4 УЛС01 дараалал урт", SmsLanguage.MongolianCyrillic, "дараалал урт")]
    [InlineData("rate 4 ULS01 the queue is long", SmsLanguage.English, "the queue is long")]
    [InlineData("RATE, 4, ULS01: the queue is long!", SmsLanguage.English, "the queue is long!")]
    public void Feedback_ReadsTheSameRecord_WhateverTheScriptAndSpelling(string text, SmsLanguage language, string comment)
    {
        var feedback = Assert.IsType<SmsFeedback>(SmsGrammar.Read(text));

        Assert.Equal(("ULS01", 4, comment, language), (feedback.ProviderCode, feedback.Score, feedback.Comment, feedback.Language));
    }

    [Fact]
    public void Feedback_WithoutAComment_HasNone_AndAnEmojiStaysInTheComment()
    {
        Assert.Null(Assert.IsType<SmsFeedback>(SmsGrammar.Read("үнэлгээ 5 ULS01")).Comment);
        Assert.Equal("сайн 👍", Assert.IsType<SmsFeedback>(SmsGrammar.Read("5 ULS01 сайн 👍")).Comment);
    }

    [Fact]
    public void ALongMessage_KeepsItsWholeComment()
    {
        var comment = string.Concat(Enumerable.Repeat("дараалал урт ", 80)).Trim();

        Assert.Equal(comment, Assert.IsType<SmsFeedback>(SmsGrammar.Read($"ҮНЭЛГЭЭ 2 ULS01 {comment}")).Comment);
    }

    [Theory]
    [InlineData("ХЯНАХ K7QM-4XZP-R2TA", SmsLanguage.MongolianCyrillic)]
    [InlineData("hyanah k7qm4xzpr2ta", SmsLanguage.MongolianLatin)]
    [InlineData("xyanax K7QM 4XZP R2TA", SmsLanguage.MongolianLatin)]
    [InlineData("khyanakh k7qm-4xzp-r2ta", SmsLanguage.MongolianLatin)]
    [InlineData("төлөв K7QM-4XZP-R2TA", SmsLanguage.MongolianCyrillic)]
    [InlineData("tuluv K7QM-4XZP-R2TA", SmsLanguage.MongolianLatin)]
    [InlineData("Status K7QM-4XZP-R2TA", SmsLanguage.English)]
    public void StatusQuery_ReadsTheTrackingCode_HoweverItIsGrouped(string prefix, SmsLanguage language)
    {
        var code = Masam.Web.Features.Feedback.TrackingCodes.Fixed("K7QM4XZPR2T");
        var text = prefix.Replace("K7QM-4XZP-R2TA", Masam.Web.Features.Feedback.TrackingCodes.Format(code), StringComparison.OrdinalIgnoreCase)
            .Replace("k7qm4xzpr2ta", code.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("K7QM 4XZP R2TA", $"{code[..4]} {code[4..8]} {code[8..]}", StringComparison.Ordinal);

        var query = Assert.IsType<SmsStatusQuery>(SmsGrammar.Read(text));

        Assert.Equal((code, language), (query.TrackingCode, query.Language));
    }

    [Theory]
    [InlineData("ЗОГС", SmsLanguage.MongolianCyrillic)]
    [InlineData("zogs", SmsLanguage.MongolianLatin)]
    [InlineData("STOP", SmsLanguage.English)]
    [InlineData("stop.", SmsLanguage.English)]
    public void Stop_IsUnderstoodInEitherScript(string text, SmsLanguage language) =>
        Assert.Equal(language, Assert.IsType<SmsStop>(SmsGrammar.Read(text)).Language);

    [Theory]
    [InlineData("ЭХЛЭХ", SmsLanguage.MongolianCyrillic)]
    [InlineData("ehleh", SmsLanguage.MongolianLatin)]
    [InlineData("EKhLEKh", SmsLanguage.MongolianLatin)]
    [InlineData("START", SmsLanguage.English)]
    [InlineData("unstop", SmsLanguage.English)]
    public void Start_IsUnderstoodInEitherScript(string text, SmsLanguage language) =>
        Assert.Equal(language, Assert.IsType<SmsStart>(SmsGrammar.Read(text)).Language);

    [Theory]
    [InlineData("ТУСЛАМЖ", SmsLanguage.MongolianCyrillic, SmsProblem.Asked)]
    [InlineData("help", SmsLanguage.English, SmsProblem.Asked)]
    [InlineData("", SmsLanguage.MongolianLatin, SmsProblem.Empty)]
    [InlineData("   ", SmsLanguage.MongolianLatin, SmsProblem.Empty)]
    [InlineData("😀😀", SmsLanguage.MongolianCyrillic, SmsProblem.Empty)] // a phone that sends emoji shows Cyrillic
    [InlineData("ҮНЭЛГЭЭ 7 ULS01", SmsLanguage.MongolianCyrillic, SmsProblem.ScoreOutOfRange)]
    [InlineData("rate 0 ULS01", SmsLanguage.English, SmsProblem.ScoreOutOfRange)]
    [InlineData("rate -1 ULS01", SmsLanguage.English, SmsProblem.ScoreOutOfRange)]
    [InlineData("rate ULS01 -4", SmsLanguage.English, SmsProblem.ScoreOutOfRange)]
    [InlineData("ҮНЭЛГЭЭ +5 ULS01", SmsLanguage.MongolianCyrillic, SmsProblem.ScoreOutOfRange)]
    [InlineData("unelgee 4.5 ULS01", SmsLanguage.MongolianLatin, SmsProblem.ScoreOutOfRange)]
    [InlineData("unelgee 3,5 ULS01", SmsLanguage.MongolianLatin, SmsProblem.ScoreOutOfRange)]
    [InlineData("ҮНЭЛГЭЭ 4 дараалал урт", SmsLanguage.MongolianCyrillic, SmsProblem.NoProvider)]
    [InlineData("ҮНЭЛГЭЭ ULS01 дараалал урт", SmsLanguage.MongolianCyrillic, SmsProblem.NoScore)]
    [InlineData("ҮНЭЛГЭЭ", SmsLanguage.MongolianCyrillic, SmsProblem.NoScore)]
    [InlineData("ХЯНАХ 1234", SmsLanguage.MongolianCyrillic, SmsProblem.BadTrackingCode)]
    [InlineData("status", SmsLanguage.English, SmsProblem.BadTrackingCode)]
    [InlineData("сайн байна уу", SmsLanguage.MongolianCyrillic, SmsProblem.NotUnderstood)]
    [InlineData("hello there", SmsLanguage.MongolianLatin, SmsProblem.NotUnderstood)]
    public void AnythingElse_GetsHelp_InTheLanguageItWasWrittenIn_WithWhy(string text, SmsLanguage language, SmsProblem problem)
    {
        var help = Assert.IsType<SmsHelp>(SmsGrammar.Read(text));

        Assert.Equal((language, problem), (help.Language, help.Problem));
    }

    [Theory]
    [InlineData("ULS01", true)]
    [InlineData("DZ1", true)]
    [InlineData("ABCDE1234", true)]
    [InlineData("U1", false)]
    [InlineData("ULS", false)]
    [InlineData("01ULS", false)]
    [InlineData("uls01", false)]
    public void AProvidersSmsCode_IsTwoToFiveCapitalsThenOneToFourDigits(string code, bool valid) =>
        Assert.Equal(valid, SmsGrammar.ProviderCode().IsMatch(code));
}
