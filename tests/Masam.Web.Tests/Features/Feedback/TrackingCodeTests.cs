using Masam.Web.Features.Feedback;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class TrackingCodeTests
{
    [Fact]
    public void New_UsesOnlyCharactersThatCannotBeMisread()
    {
        var code = TrackingCodes.New();

        Assert.Equal(TrackingCodes.Length, code.Length);
        Assert.DoesNotContain(code, c => "01ILO".Contains(c));
        Assert.Equal(code, TrackingCodes.Normalize(code));
    }

    [Fact]
    public void Normalize_AcceptsWhatAPersonTypes()
    {
        var code = TrackingCodes.New();
        var typed = TrackingCodes.Format(code).ToLowerInvariant().Replace("-", " ");

        Assert.Equal(code, TrackingCodes.Normalize(typed));
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", TrackingCodes.Format(code));
    }

    [Fact]
    public void Normalize_RejectsEveryOneCharacterMistake()
    {
        var code = TrackingCodes.New();
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var c in TrackingCodes.Alphabet.Where(c => c != code[i]))
            {
                var wrong = code[..i] + c + code[(i + 1)..];
                Assert.Null(TrackingCodes.Normalize(wrong));
            }
        }
    }

    [Fact]
    public void Normalize_RejectsSwappedNeighbours()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var code = TrackingCodes.New();
            for (var i = 0; i < TrackingCodes.Length - 2; i++)
            {
                if (code[i] == code[i + 1]) continue;
                var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                Assert.Null(TrackingCodes.Normalize(swapped));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("0000-0000-0000")]
    [InlineData("<script>alert(1)</script>")]
    public void Normalize_ReturnsNull_ForWhatCannotBeACode(string input) =>
        Assert.Null(TrackingCodes.Normalize(input));

    [Fact]
    public void New_DoesNotRepeat() =>
        Assert.Equal(20_000, Enumerable.Range(0, 20_000).Select(_ => TrackingCodes.New()).Distinct().Count());
}
