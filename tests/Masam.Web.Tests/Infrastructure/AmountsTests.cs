using Masam.Web.Infrastructure;

namespace Masam.Web.Tests.Infrastructure;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("1500000", 1_500_000)]
    [InlineData("1 500 000", 1_500_000)]
    [InlineData("1\u00A0500\u00A0000", 1_500_000)]
    [InlineData("1\u202F500\u202F000", 1_500_000)]
    [InlineData("1,500,000", 1_500_000)]
    [InlineData("1.500.000", 1_500_000)]
    [InlineData("1500000 ₮", 1_500_000)]
    [InlineData("₮1,500,000", 1_500_000)]
    [InlineData("1 500 000 төгрөг", 1_500_000)]
    [InlineData("2500.50", 2500.50)]
    [InlineData("2 500,50", 2500.50)]
    [InlineData("1,500,000.75", 1_500_000.75)]
    [InlineData("1.500.000,75", 1_500_000.75)]
    [InlineData("0", 0)]
    public void WhatPeopleType_IsTheAmountTheyMeant(string typed, double expected)
    {
        Assert.True(Amounts.TryParse(typed, out var amount));
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NothingTyped_IsNoAmount(string? typed)
    {
        Assert.True(Amounts.TryParse(typed, out var amount));
        Assert.Null(amount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5,00")]
    [InlineData("15,00,000")]
    [InlineData("-500")]
    [InlineData("1 500 000 $")]
    [InlineData("1..5")]
    [InlineData(",500")]
    [InlineData("500,")]
    [InlineData("1e6")]
    public void AnythingElse_IsRefused_NotTakenAsNoAmount(string typed) =>
        Assert.False(Amounts.TryParse(typed, out _));
}
