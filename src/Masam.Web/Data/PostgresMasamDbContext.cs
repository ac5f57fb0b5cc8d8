using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masam.Web.Data;

/// <summary>For installations on PostgreSQL; its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresMasamDbContext(DbContextOptions<PostgresMasamDbContext> options) : MasamDbContext(options);

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context PostgresMasamDbContext</c> build the model
/// without a server or the app's configuration (no connection is opened to add a migration).
/// </summary>
public sealed class PostgresMasamDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresMasamDbContext>
{
    public PostgresMasamDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMasamDbContext>().UseNpgsql("Host=localhost;Database=masam_design").Options);
}
