using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Data;

/// <summary>The <c>Database</c> section: which database the app runs on.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";

    /// <summary><c>Sqlite</c>, the embedded default.</summary>
    [Required]
    [AllowedValues(Sqlite, ErrorMessage = "Database:Provider must be Sqlite.")]
    public string Provider { get; set; } = Sqlite;
}
