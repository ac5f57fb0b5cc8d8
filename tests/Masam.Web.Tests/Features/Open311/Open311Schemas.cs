using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;

namespace Masam.Web.Tests.Features.Open311;

/// <summary>The kinds of GeoReport v2 response, each with its JSON Schema and its XSD (see Schemas/README.md).</summary>
public enum Open311Kind
{
    Discovery,
    Services,
    ServiceDefinition,
    RequestCreated,
    ServiceRequests,
    Token,
    Errors,
}

/// <summary>
/// Checks a response against the specification's field tables: its content type and encoding, then
/// its body, JSON by JSON Schema, XML by a strict reader (the XSD, no DTD, no namespace, a warning
/// is a failure). Returns the body to read further.
/// </summary>
public static class Open311Schemas
{
    private static readonly ConcurrentDictionary<Open311Kind, JsonSchema> JsonSchemas = new();
    private static readonly ConcurrentDictionary<Open311Kind, XmlSchemaSet> XmlSchemas = new();

    private static string FileName(Open311Kind kind) => kind switch
    {
        Open311Kind.Discovery => "discovery",
        Open311Kind.Services => "services",
        Open311Kind.ServiceDefinition => "service_definition",
        Open311Kind.RequestCreated => "request_created",
        Open311Kind.ServiceRequests => "service_requests",
        Open311Kind.Token => "token",
        _ => "errors",
    };

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Features", "Open311", "Schemas");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, Open311Kind kind)
    {
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        return Json(Encoding.UTF8.GetString(body), kind);
    }

    public static JsonElement Json(string body, Open311Kind kind)
    {
        var schema = JsonSchemas.GetOrAdd(kind, k => JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, $"{FileName(k)}.schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        using var document = JsonDocument.Parse(body);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).ToList();
        Assert.True(result.IsValid, $"{kind} JSON does not follow the specification:\n{string.Join("\n", problems)}\n{body}");
        return document.RootElement.Clone();
    }

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response, Open311Kind kind)
    {
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return Xml(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), kind);
    }

    public static XDocument Xml(string body, Open311Kind kind)
    {
        // The root element follows the declaration, which names UTF-8, as the specification requires.
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.OrdinalIgnoreCase);
        var schemas = XmlSchemas.GetOrAdd(kind, k =>
        {
            var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            set.Add(null, Path.Combine(Folder, $"{FileName(k)}.xsd"));
            set.Compile();
            return set;
        });
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(body), settings);
        var document = XDocument.Load(reader);
        Assert.True(problems.Count == 0, $"{kind} XML does not follow the specification:\n{string.Join("\n", problems)}\n{body}");
        Assert.Equal("", document.Root!.Name.NamespaceName);
        return document;
    }
}
