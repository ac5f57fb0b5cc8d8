using System.Net;
using Masam.Web.Tests.Infrastructure;

namespace Masam.Web.Tests.Features.Providers;

public sealed class ProvidersApiTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public ProvidersApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task List_IncludesProvidersOfDescendantUnits_WhenFilteredByAimag()
    {
        var inCentre = await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ");
        var inSoum = await _factory.AddProviderAsync("MN18104", "soum-health-centre", "Алдархаан сумын ЭМТ");
        var elsewhere = await _factory.AddProviderAsync("MN51110", "oss-centre", "Баянзүрх дүүргийн ТҮНЦТ");

        var ids = await ProviderIdsAsync("/api/v1/providers?adminUnit=181");

        Assert.Equal([inCentre, inSoum], ids.Order());
        Assert.DoesNotContain(elsewhere, ids);
        Assert.Equal([inSoum], await ProviderIdsAsync("/api/v1/providers?adminUnit=MN18104"));
    }

    [Fact]
    public async Task List_FiltersByTypeAndServiceLine()
    {
        var oss = await _factory.AddProviderAsync("MN18101", "oss-centre", "ТҮНЦТ", "social-insurance", "tax");
        var school = await _factory.AddProviderAsync("MN18101", "general-school", "Сургууль", "general-education");

        Assert.Equal([school], await ProviderIdsAsync("/api/v1/providers?type=general-school"));
        Assert.Equal([oss], await ProviderIdsAsync("/api/v1/providers?serviceLine=tax"));
    }

    [Fact]
    public async Task List_SearchesNamesAcrossSpellings()
    {
        var hospital = await _factory.AddProviderAsync("MN26701", "general-hospital", "Хөвсгөл аймгийн Нэгдсэн эмнэлэг");
        await _factory.AddProviderAsync("MN18101", "oss-centre", "Улиастай сумын ТҮНЦТ");

        Assert.Equal([hospital], await ProviderIdsAsync("/api/v1/providers?q=khuvsgul+emneleg"));
    }

    [Fact]
    public async Task List_ItemsCarryTypeAdminUnitAndServiceLines()
    {
        var id = await _factory.AddProviderAsync("MN18101", "oss-centre", "ТҮНЦТ", "tax");

        var item = (await (await _client.GetAsync("/api/v1/providers")).ReadJsonAsync()).GetProperty("items")[0];

        Assert.Equal(id, item.GetProperty("id").GetInt32());
        Assert.Equal("oss-centre", item.GetProperty("type").GetString());
        Assert.Equal("MN18101", item.GetProperty("adminUnitCode").GetString());
        Assert.Equal("tax", item.GetProperty("serviceLines")[0].GetString());
        Assert.False(item.GetProperty("isDemo").GetBoolean());
    }

    [Theory]
    [InlineData("adminUnit=MN00000", "adminUnit")]
    [InlineData("type=bakery", "type")]
    [InlineData("serviceLine=haircut", "serviceLine")]
    public async Task List_NamesAnUnknownFilterValue(string query, string field)
    {
        var problem = await (await _client.GetAsync($"/api/v1/providers?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Get_Answers404Problem_ForAnUnknownId() =>
        await (await _client.GetAsync("/api/v1/providers/424242")).AssertProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task Catalogue_ListsServiceLinesAndProviderTypesInBothLanguages()
    {
        var lines = await (await _client.GetAsync("/api/v1/service-lines")).ReadJsonAsync();
        var socialInsurance = lines.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "social-insurance");
        Assert.Equal("Нийгмийн даатгал", socialInsurance.GetProperty("nameMn").GetString());
        Assert.Equal("Social insurance", socialInsurance.GetProperty("nameEn").GetString());

        var types = await (await _client.GetAsync("/api/v1/provider-types")).ReadJsonAsync();
        Assert.Contains(types.EnumerateArray(), t => t.GetProperty("code").GetString() == "family-health-centre" && t.GetProperty("sector").GetString() == "health");
    }

    private async Task<List<int>> ProviderIdsAsync(string url) =>
        [.. (await (await _client.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];
}
