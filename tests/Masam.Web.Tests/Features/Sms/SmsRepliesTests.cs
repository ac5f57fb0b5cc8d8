using Masam.Web.Features.Feedback;
using Masam.Web.Features.Sms;
using Masam.Web.Infrastructure;

namespace Masam.Web.Tests.Features.Sms;

/// <summary>Every reply, in every language and for the longest values it can carry, goes as one SMS segment.</summary>
public sealed class SmsRepliesTests
{
    private static readonly string Code = TrackingCodes.Fixed("WWWWWWWWWWW");

    public static TheoryData<SmsLanguage> Languages => new(Enum.GetValues<SmsLanguage>());

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryReply_FitsOneSegment_WithTheLongestValues(SmsLanguage language)
    {
        var replies = new List<string>
        {
            SmsReplies.Received(language, Code), SmsReplies.UnknownProvider(language, "ABCDE1234"), SmsReplies.UnknownTrackingCode(language, Code),
            SmsReplies.Stopped(language),
        };
        replies.AddRange(Enum.GetValues<SmsProblem>().Select(problem => SmsReplies.Help(language, problem)));
        replies.AddRange(Enum.GetValues<FeedbackStatus>().Select(status => SmsReplies.Status(language, Code, status)));

        Assert.All(replies, reply => Assert.True(SmsReplies.FitsOneSegment(reply), $"{reply.Length} characters: {reply}"));
    }

    [Theory]
    [InlineData(SmsLanguage.MongolianLatin)]
    [InlineData(SmsLanguage.English)]
    public void LatinReplies_AreGsm7_SoACheapSegmentCarriesThem(SmsLanguage language)
    {
        Assert.NotNull(SmsReplies.GsmLength(SmsReplies.Help(language, SmsProblem.Asked)));
        Assert.NotNull(SmsReplies.GsmLength(SmsReplies.Status(language, Code, FeedbackStatus.Answered)));
    }

    [Fact]
    public void AReply_FollowsTheScriptItWasWrittenIn_AndCarriesTheTrackingCode()
    {
        var formatted = TrackingCodes.Format(Code);

        Assert.Equal($"Баярлалаа! Код {formatted}. Мэдээ авах: МЭДЭЭ {formatted}", SmsReplies.Received(SmsLanguage.MongolianCyrillic, Code));
        Assert.Equal($"Bayarlalaa! Kod {formatted}. Medee avakh: MEDEE {formatted}", SmsReplies.Received(SmsLanguage.MongolianLatin, Code));
        Assert.Equal($"{formatted}: Хариу өгсөн", SmsReplies.Status(SmsLanguage.MongolianCyrillic, Code, FeedbackStatus.Answered));
        Assert.StartsWith("Thank you! Your code is", SmsReplies.Received(SmsLanguage.English, Code));
        // What a reply tells a Latin-script phone to send is understood when sent back.
        var latin = SmsReplies.Received(SmsLanguage.MongolianLatin, Code);
        Assert.Equal(Code, Assert.IsType<SmsFollow>(SmsGrammar.Read(latin[latin.IndexOf("MEDEE", StringComparison.Ordinal)..])).TrackingCode);
        var english = SmsReplies.Received(SmsLanguage.English, Code);
        Assert.Equal(Code, Assert.IsType<SmsFollow>(SmsGrammar.Read(english[english.IndexOf("FOLLOW", StringComparison.Ordinal)..])).TrackingCode);
        var help = SmsReplies.Help(SmsLanguage.MongolianLatin, SmsProblem.Asked);
        Assert.IsType<SmsFeedback>(SmsGrammar.Read(help[help.IndexOf("ÜNELGEE", StringComparison.Ordinal)..].Split('.')[0]));
    }

    [Theory]
    [InlineData("Hello", 5)]
    [InlineData("Ünelgee [4]", 13)]
    [InlineData("Үнэлгээ", null)]
    public void GsmLength_CountsEscapedCharactersTwice_AndRefusesWhatGsm7CannotCarry(string text, int? septets) =>
        Assert.Equal(septets, SmsReplies.GsmLength(text));
}
