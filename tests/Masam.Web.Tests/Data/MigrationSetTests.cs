using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Masam.Web.Tests.Data;

/// <summary>
/// Each database has its own migration set, generated from the one model. A model change that one
/// set is missing fails here, naming the command that adds it.
/// </summary>
public sealed class MigrationSetTests
{
    public static TheoryData<string> Providers => [DatabaseOptions.Sqlite, DatabaseOptions.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheMigrationSet_MatchesTheModel(string provider)
    {
        using var db = Create(provider);

        Assert.True(!db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lack a model change: dotnet ef migrations add <Name> --project src/Masam.Web --context {db.GetType().Name} --output-dir Data/Migrations/{provider}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheMigrationSet_IsItsOwn(string provider)
    {
        using var db = Create(provider);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;

        Assert.NotEmpty(migrations);
        Assert.All(migrations.Values, type => Assert.Equal($"Masam.Web.Data.Migrations.{provider}", type.Namespace));
    }

    [Fact]
    public void BothSets_HaveTheSameMigrations_ByName()
    {
        using var sqlite = Create(DatabaseOptions.Sqlite);
        using var postgres = Create(DatabaseOptions.Postgres);

        // A model change adds one migration to each set, under the same name, in the same commit.
        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.Equal("Initial", Names(sqlite)[0]);
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheMigrationsWereFolded_IsRefused_WithWhatToDo()
    {
        using var factory = MasamAppFactory.OnSqlite();
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261129192405_ResponsivenessAndScorecardFigures', '10.0.0')"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.Services.InitializeDatabaseAsync());

        Assert.Contains("20261129192405_ResponsivenessAndScorecardFigures", refused.Message);
        Assert.Contains("data/", refused.Message);
    }

    private static List<string> Names(MasamDbContext db) =>
        [.. db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..])];

    private static MasamDbContext Create(string provider) => provider == DatabaseOptions.Postgres
        ? new PostgresMasamDbContext(new DbContextOptionsBuilder<PostgresMasamDbContext>().UseNpgsql("Host=localhost;Database=model-only").Options)
        : new SqliteMasamDbContext(new DbContextOptionsBuilder<SqliteMasamDbContext>().UseSqlite("Data Source=:memory:").Options);
}
