namespace Masam.Web.Features.Scorecards.Import;

/// <summary>One sheet or CSV file of an export: its name, its header, and its rows with their row numbers as a person sees them.</summary>
public sealed class ExportTable(string name, IReadOnlyList<string> headers, IReadOnlyList<ExportRow> rows)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Headers { get; } = headers;
    public IReadOnlyList<ExportRow> Rows { get; } = rows;

    public IEnumerable<string> Missing(params string[] columns) =>
        columns.Where(c => !Headers.Contains(c, StringComparer.OrdinalIgnoreCase));
}

public sealed class ExportRow(int number, IReadOnlyDictionary<string, string> cells)
{
    /// <summary>1-based, counting the header as row 1, as Excel and a text editor number it.</summary>
    public int Number { get; } = number;

    public string? this[string column] => cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>A file that cannot be read at all as the export it claims to be.</summary>
public sealed class ExportFormatException(string message) : Exception(message);
