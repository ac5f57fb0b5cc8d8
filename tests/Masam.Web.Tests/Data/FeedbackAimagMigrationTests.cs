using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Masam.Web.Tests.Data;

/// <summary>The migration that stores each feedback row's aimag fills it in for the rows already there.</summary>
public sealed class FeedbackAimagMigrationTests
{
    [Fact]
    public async Task FeedbackFromBeforeTheAimagWasStored_GetsItsProvidersAimag()
    {
        using var factory = new MasamAppFactory();
        var zavkhan = await factory.AddProviderAsync("MN18101");
        var bayanzurkh = await factory.AddProviderAsync("MN51110");
        var citizen = factory.CreateClient();
        foreach (var provider in new[] { zavkhan, zavkhan, bayanzurkh })
        {
            Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(FeedbackRequests.Submit(new { providerId = provider, score = 3 }))).StatusCode);
        }

        await factory.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
            var added = migrations.FindIndex(id => id.EndsWith("_FeedbackAimagCode", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync(migrations[^1]);
        });

        var stored = await factory.WithDbAsync(db => db.Feedback.OrderBy(f => f.Id).Select(f => f.AimagCode).ToListAsync());
        Assert.Equal(["181", "181", "511"], stored);
    }
}
