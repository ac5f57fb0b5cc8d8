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

    private static MasamDbContext Create(string provider) => provider == DatabaseOptions.Postgres
        ? new PostgresMasamDbContext(new DbContextOptionsBuilder<PostgresMasamDbContext>().UseNpgsql("Host=localhost;Database=model-only").Options)
        : new SqliteMasamDbContext(new DbContextOptionsBuilder<SqliteMasamDbContext>().UseSqlite("Data Source=:memory:").Options);
}
