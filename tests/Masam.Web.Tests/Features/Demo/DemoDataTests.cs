using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Demo;

public sealed class DemoDataTests : IClassFixture<DemoDataTests.App>
{
    public sealed class App : IDisposable
    {
        public MasamAppFactory Factory { get; } = new(("Masam:SeedDemoData", "true"));
        public void Dispose() => Factory.Dispose();
    }

    private readonly MasamAppFactory _factory;

    public DemoDataTests(App app)
    {
        _factory = app.Factory;
        _ = _factory.Server;
    }

    [Fact]
    public async Task EveryAimagCentreAndDistrict_HasAnOssCentreSchoolKindergartenAndHealthProvider()
    {
        var units = await _factory.WithDbAsync(db => db.AdminUnits
            .Where(u => u.Kind == AdminUnitKind.District || (u.Kind == AdminUnitKind.Soum && u.Code.EndsWith("01")))
            .Select(u => new { u.Code, Types = db.Providers.Where(p => p.AdminUnitId == u.Id).Select(p => p.TypeCode).ToList() })
            .ToListAsync());

        Assert.Equal(21 + 9, units.Count);
        Assert.All(units, u =>
        {
            Assert.Contains("oss-centre", u.Types);
            Assert.Contains("general-school", u.Types);
            Assert.Contains("kindergarten", u.Types);
            Assert.Contains(u.Types, t => t is "family-health-centre" or "general-hospital" or "soum-health-centre");
        });
    }

    [Fact]
    public async Task DemoFeedback_IsAFewThousandItemsOverThePastYear_AllMarkedDemo()
    {
        var summary = await _factory.WithDbAsync(async db => new
        {
            Count = await db.Feedback.CountAsync(),
            Demo = await db.Feedback.CountAsync(f => f.IsDemo),
            Oldest = await db.Feedback.MinAsync(f => f.ReceivedAt),
            Newest = await db.Feedback.MaxAsync(f => f.ReceivedAt),
            Scores = await db.Feedback.Select(f => f.Score).Distinct().CountAsync(),
            Channels = await db.Feedback.Select(f => f.Channel).Distinct().CountAsync(),
            Providers = await db.Feedback.Select(f => f.ProviderId).Distinct().CountAsync(),
            NonDemoProviders = await db.Providers.CountAsync(p => !p.IsDemo || !p.Code.StartsWith("DEMO-")),
        });

        Assert.InRange(summary.Count, 2_000, 10_000);
        Assert.Equal(summary.Count, summary.Demo);
        Assert.True(summary.Newest - summary.Oldest > TimeSpan.FromDays(300));
        Assert.Equal(5, summary.Scores);
        Assert.Equal(5, summary.Channels);
        Assert.True(summary.Providers > 300);
        Assert.Equal(0, summary.NonDemoProviders);
    }

    [Fact]
    public async Task Seeding_AgainChangesNothing()
    {
        var before = await Counts();

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.InitializeDatabaseAsync();
        }

        Assert.Equal(before, await Counts());
    }

    private Task<(int Units, int Providers, int Feedback)> Counts() =>
        _factory.WithDbAsync(async db => (await db.AdminUnits.CountAsync(), await db.Providers.CountAsync(), await db.Feedback.CountAsync()));
}
