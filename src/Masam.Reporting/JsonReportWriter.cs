using System.Text.Json;
using System.Text.Json.Serialization;

namespace Masam.Reporting;

/// <summary>
/// The whole report model as JSON (UTF-8, camelCase, both languages), described by the JSON Schema
/// in <c>publication.schema.json</c> (<see cref="Schema"/>), which the site serves beside the files.
/// </summary>
public static class JsonReportWriter
{
    public const string SchemaVersion = "1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Cyrillic stays readable; < > & and quotes stay escaped, so a string can never close a script block it is pasted into.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static byte[] Write(ReportModel model) =>
        JsonSerializer.SerializeToUtf8Bytes(new Document(SchemaVersion, model), Options);

    public static ReportModel Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<Document>(json, Options)?.Report ?? throw new JsonException("Not a Masam publication.");

    /// <summary>The JSON Schema of the files this writer makes.</summary>
    public static string Schema()
    {
        using var stream = typeof(JsonReportWriter).Assembly.GetManifestResourceStream("Masam.Reporting.publication.schema.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Document(string SchemaVersion, ReportModel Report);
}
