using System.Net;
using System.Net.Http.Json;
using Masam.Web.Tests.Infrastructure;

namespace Masam.Web.Tests.Features.Geography;

public sealed class GeographyApiTests : IClassFixture<GeographyApiTests.App>
{
    public sealed class App : IDisposable
    {
        public MasamAppFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _client;

    public GeographyApiTests(App app) => _client = app.Factory.CreateClient();

    [Fact]
    public async Task List_HasAll22FirstLevelUnits_WithCodesAndNames()
    {
        var page = await (await _client.GetAsync("/api/v1/admin-units?level=1")).ReadJsonAsync();

        Assert.Equal(22, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var zavkhan = items.Single(i => i.GetProperty("code").GetString() == "181");
        Assert.Equal("Завхан", zavkhan.GetProperty("nameMn").GetString());
        Assert.Equal("Zavkhan", zavkhan.GetProperty("nameEn").GetString());
        Assert.Equal("capital", items.Single(i => i.GetProperty("code").GetString() == "511").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task List_HasAll340SecondLevelUnits()
    {
        var page = await (await _client.GetAsync("/api/v1/admin-units?level=2&pageSize=500")).ReadJsonAsync();

        Assert.Equal(340, page.GetProperty("total").GetInt32());
        Assert.Equal(340, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_GivesUlaanbaatarsNineDistricts_WhenFilteredByParent()
    {
        var page = await (await _client.GetAsync("/api/v1/admin-units?parent=511")).ReadJsonAsync();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(9, items.Count);
        Assert.All(items, i => Assert.Equal("district", i.GetProperty("kind").GetString()));
        Assert.Contains(items, i => i.GetProperty("nameMn").GetString() == "Баянзүрх" && i.GetProperty("code").GetString() == "MN51110");
    }

    [Theory]
    [InlineData("Хөвсгөл")]
    [InlineData("Khövsgöl")]
    [InlineData("Khuvsgul")]
    [InlineData("Hovsgol")]
    [InlineData("hövsgöl")]
    public async Task Search_FindsKhuvsgulAimag_WhateverTheSpelling(string query)
    {
        var page = await (await _client.GetAsync($"/api/v1/admin-units?level=1&q={Uri.EscapeDataString(query)}")).ReadJsonAsync();

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("267", item.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_ListsWholeNameMatchesFirst_AndKeepsNamesakesApartByCode()
    {
        // A soum named Khövsgöl lies in Dornogovi; the aimag must come first.
        var page = await (await _client.GetAsync("/api/v1/admin-units?q=Khuvsgul")).ReadJsonAsync();

        var codes = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal("267", codes[0]);
        Assert.Contains("MN34437", codes);
    }

    [Fact]
    public async Task Get_GivesPCodeIsoCodeParentAndValidity()
    {
        var unit = await (await _client.GetAsync("/api/v1/admin-units/345")).ReadJsonAsync();

        Assert.Equal("MN45", unit.GetProperty("pCode").GetString());
        Assert.Equal("MN-037", unit.GetProperty("isoCode").GetString());
        Assert.Equal("2020-10-19", unit.GetProperty("validFrom").GetString());
        Assert.Equal(4, unit.GetProperty("children").GetArrayLength());
        Assert.True(unit.GetProperty("population").GetInt32() > 100_000);

        var soum = await (await _client.GetAsync("/api/v1/admin-units/MN18101")).ReadJsonAsync();
        Assert.Equal("Улиастай", soum.GetProperty("nameMn").GetString());
        Assert.Equal("181", soum.GetProperty("parent").GetProperty("code").GetString());
    }

    [Fact]
    public async Task EnglishNames_FollowOneSpelling_TheAimagsOne_AndTheNsosSoumSpellingsStillFindTheSoum()
    {
        var units = (await (await _client.GetAsync("/api/v1/admin-units?pageSize=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => (Mn: i.GetProperty("nameMn").GetString()!, En: i.GetProperty("nameEn").GetString()!));

        // The aimags' usual English names (seed-data/aimags.csv) are exactly the letter-by-letter spelling the soums get.
        Assert.All(units.Where(u => u.Key.Length == 3), u => Assert.Equal(u.Value.En, Masam.Web.Features.Geography.LatinNames.FromCyrillic(u.Value.Mn)));
        Assert.Equal("Mörön", units["MN26701"].En);
        Assert.Equal("Bayanzürkh", units["MN51110"].En);
        Assert.Equal("Dörvöljin", units.Single(u => u.Value.Mn == "Дөрвөлжин").Value.En);
        Assert.DoesNotContain(units.Values, u => u.En.Any(c => c is >= 'А' and <= 'я' or 'Ө' or 'ө' or 'Ү' or 'ү'));

        var found = await (await _client.GetAsync("/api/v1/admin-units?q=Durvuljin")).ReadJsonAsync();
        Assert.Equal("Dörvöljin", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("nameEn").GetString());
    }

    [Fact]
    public async Task Get_Answers404Problem_ForAnUnknownCode() =>
        await (await _client.GetAsync("/api/v1/admin-units/MN99999")).AssertProblemAsync(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("level=3", "level")]
    [InlineData("level=aimag", "level")]
    [InlineData("parent=NOPE", "parent")]
    [InlineData("pageSize=5000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=2147483647&pageSize=500", "page")]
    public async Task List_NamesTheBadFilter(string query, string field)
    {
        var problem = await (await _client.GetAsync($"/api/v1/admin-units?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
