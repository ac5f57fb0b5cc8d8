using Masam.Web.Features.Geography;

namespace Masam.Web.Tests.Features.Geography;

public sealed class NameFoldingTests
{
    [Theory]
    [InlineData("Хөвсгөл", "Khövsgöl")]
    [InlineData("Хөвсгөл", "Khuvsgul")]
    [InlineData("Хөвсгөл", "Hovsgol")]
    [InlineData("Хөвсгөл", "Hövsgöl")]
    [InlineData("Өмнөговь", "Umnugovi")]
    [InlineData("Өмнөговь", "Ömnögovi")]
    [InlineData("Өвөрхангай", "Uvurkhangai")]
    [InlineData("Архангай", "Arxangai")]
    [InlineData("Төв", "To'v")]
    [InlineData("Хэнтий", "Hentiy")]
    [InlineData("Баян-Өлгий", "Bayan Ulgii")]
    [InlineData("Говь-Алтай", "govi altai")]
    [InlineData("Сүхбаатар", "SUKHBAATAR")]
    [InlineData("Улаанбаатар", "Ulanbatar")]
    [InlineData("Завхан", "Dzavhan")]
    public void Fold_GivesOneKey_WhenSpellingsOfOneNameDiffer(string cyrillic, string latin) =>
        Assert.Equal(NameFolding.Fold(cyrillic), NameFolding.Fold(latin));

    [Theory]
    [InlineData("Хэнтий", "Ховд")]
    [InlineData("Дорнод", "Дорноговь")]
    [InlineData("Баянхонгор", "Баян-Өлгий")]
    public void Fold_KeepsDifferentNamesApart(string a, string b) =>
        Assert.NotEqual(NameFolding.Fold(a), NameFolding.Fold(b));

    [Fact]
    public void FoldWords_DropsEmptyWordsAndPunctuation() =>
        Assert.Equal(["uliastai", "sum"], NameFolding.FoldWords("  Улиастай , сум  "));
}
