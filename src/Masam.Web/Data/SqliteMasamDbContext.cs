using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Data;

/// <summary>The embedded default; its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteMasamDbContext(DbContextOptions<SqliteMasamDbContext> options) : MasamDbContext(options);
