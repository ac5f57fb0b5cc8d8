using Masam.Web.Features.Figures;
using static Masam.Web.Features.Figures.CellDisclosure;

namespace Masam.Web.Tests.Features.Figures;

public sealed class DisclosureTests
{
    [Theory]
    [InlineData(0, NoData)]
    [InlineData(1, SmallCell)]
    [InlineData(9, SmallCell)]
    [InlineData(10, Shown)]
    public void Primary_SuppressesCellsBelowTheThreshold(int n, CellDisclosure expected) =>
        Assert.Equal(expected, Disclosure.Primary(n, 10));

    [Fact]
    public void Siblings_HideASecondCell_WhenOnlyOneIsSmall()
    {
        // Female 40, male 12, other 3: "other" could be total − 40 − 12, so male (the smallest shown) goes too.
        Assert.Equal([Shown, Complementary, SmallCell], Disclosure.Siblings([40, 12, 3], 10));
    }

    [Fact]
    public void Siblings_NeedNoPartner_WhenTwoAreAlreadySmall() =>
        Assert.Equal([Shown, SmallCell, SmallCell], Disclosure.Siblings([40, 4, 3], 10));

    [Fact]
    public void Siblings_LeaveEmptyCellsEmpty_AndShowEverythingBigEnough()
    {
        Assert.Equal([Shown, Shown, NoData], Disclosure.Siblings([40, 12, 0], 10));
        Assert.Equal([Shown, Complementary, SmallCell, NoData], Disclosure.Siblings([40, 12, 3, 0], 10));
    }

    [Fact]
    public void Siblings_SuppressTheLoneCell_WhenNoOtherCanHideIt() =>
        Assert.Equal([SmallCell, NoData], Disclosure.Siblings([3, 0], 10));
}
