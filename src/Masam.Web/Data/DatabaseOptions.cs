using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Data;

/// <summary>The <c>Database</c> section: which database the app runs on.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// <c>Sqlite</c>, the embedded default (one node), or <c>Postgres</c> (one or several nodes;
    /// <c>ConnectionStrings:Masam</c> names the database).
    /// </summary>
    [Required]
    [AllowedValues(Sqlite, Postgres, ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => Provider == Postgres;

    /// <summary>The options as configured, before the container is built (the provider decides what is registered).</summary>
    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
}
