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

public sealed class ExportRow(int number, ExportColumns columns, string?[] values)
{
    /// <summary>1-based, counting the header as row 1, as Excel and a text editor number it.</summary>
    public int Number { get; } = number;

    public string? this[string column] => columns.IndexOf(column) is var i and >= 0 && i < values.Length && values[i] is { Length: > 0 } value ? value : null;
}

/// <summary>
/// A table's columns, shared by its rows, which keep only their values; and the values already
/// seen, so that the many repeats of an export (indicator codes, scores, group types, parent keys)
/// are held once. A large export so takes little more memory than its text.
/// </summary>
public sealed class ExportColumns
{
    private const int ShareUpTo = 64;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    /// <param name="headers">The table's header, in order.</param>
    /// <param name="kept">The columns whose values are kept (the rest are read past); all when null.</param>
    public ExportColumns(IEnumerable<string> headers, IReadOnlySet<string>? kept = null)
    {
        var i = 0;
        var keeps = new List<bool>();
        foreach (var header in headers)
        {
            if (header.Length > 0) _index.TryAdd(header, i);
            keeps.Add(header.Length > 0 && (kept is null || kept.Contains(header)));
            i++;
        }

        _keeps = [.. keeps];
    }

    private readonly bool[] _keeps;

    /// <summary>Whether the values of the column at <paramref name="index"/> are kept.</summary>
    public bool Keeps(int index) => index < _keeps.Length && _keeps[index];

    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The value, as held once for the table when it is short enough to repeat.</summary>
    public string? Share(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > ShareUpTo) return value;
        if (_values.TryGetValue(value, out var held)) return held;
        _values.Add(value);
        return value;
    }
}

/// <summary>A file that cannot be read at all as the export it claims to be.</summary>
public sealed class ExportFormatException(string message) : Exception(message);
