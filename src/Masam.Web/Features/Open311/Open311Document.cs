using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Open311;

/// <summary>
/// A GeoReport v2 response as one tree, written as XML (the standard's required format) or as
/// JSON by the Spark convention the standard names: an element with children is an object, a
/// list element is an array (a bare array at the root), a leaf is a typed value. One tree for
/// both formats keeps them saying the same thing.
/// </summary>
public abstract record Open311Node(string Name);

/// <summary>An element with named children: an object in JSON.</summary>
public sealed record Open311Object(string Name, IReadOnlyList<Open311Node> Fields) : Open311Node(Name)
{
    public Open311Object(string name, params Open311Node?[] fields) : this(name, fields.OfType<Open311Node>().ToList())
    {
    }
}

/// <summary>An element repeating one child element: an array in JSON.</summary>
public sealed record Open311List(string Name, IReadOnlyList<Open311Node> Items) : Open311Node(Name);

/// <summary>A leaf: text, a boolean, an integer, a number, or a moment (written in Mongolian time with its offset).</summary>
public sealed record Open311Value(string Name, object Value) : Open311Node(Name)
{
    /// <summary>The field, or nothing when there is no value: absent fields are left out rather than written empty or null.</summary>
    public static Open311Value? Optional(string name, object? value) =>
        value is null || value is string { Length: 0 } ? null : new Open311Value(name, value);
}

public enum Open311Format
{
    Xml,
    Json,
}

public static class Open311Writer
{
    public const string XmlContentType = "text/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string ContentType(Open311Format format) => format == Open311Format.Xml ? XmlContentType : JsonContentType;

    public static byte[] Write(Open311Node root, Open311Format format)
    {
        using var buffer = new MemoryStream();
        if (format == Open311Format.Xml)
        {
            using var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Utf8, Indent = false });
            xml.WriteStartDocument();
            WriteXml(xml, root);
            xml.WriteEndDocument();
        }
        else
        {
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            WriteJson(json, root);
        }

        return buffer.ToArray();
    }

    /// <summary>A moment as the standard's w3 date-time, in Mongolia's time with its offset (<c>2026-04-13T09:30:00+08:00</c>).</summary>
    public static string W3(DateTime utc)
    {
        var local = MongolianTime.ToLocal(utc);
        var offset = MongolianTime.Zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static void WriteXml(XmlWriter xml, Open311Node node)
    {
        xml.WriteStartElement(node.Name);
        switch (node)
        {
            case Open311Object o:
                foreach (var field in o.Fields) WriteXml(xml, field);
                break;
            case Open311List l:
                foreach (var item in l.Items) WriteXml(xml, item);
                break;
            case Open311Value v:
                xml.WriteString(Text(v.Value));
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter json, Open311Node node)
    {
        switch (node)
        {
            case Open311Object o:
                json.WriteStartObject();
                foreach (var field in o.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteJson(json, field);
                }

                json.WriteEndObject();
                break;
            case Open311List l:
                json.WriteStartArray();
                foreach (var item in l.Items) WriteJson(json, item);
                json.WriteEndArray();
                break;
            case Open311Value { Value: bool b }:
                json.WriteBooleanValue(b);
                break;
            case Open311Value { Value: int i }:
                json.WriteNumberValue(i);
                break;
            case Open311Value { Value: double d }:
                json.WriteNumberValue(d);
                break;
            case Open311Value v:
                json.WriteStringValue(Text(v.Value));
                break;
        }
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTime t => W3(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A GeoReport v2 answer in the format the path asked for, UTF-8 as the standard requires.</summary>
public sealed class Open311Result(Open311Node root, Open311Format format, int statusCode = StatusCodes.Status200OK, string? refusal = null) : IResult
{
    public Open311Node Root => root;
    public int StatusCode => statusCode;

    /// <summary>For an error list: what refused the request, as the metrics count it.</summary>
    public string? Refusal => refusal;

    public async Task ExecuteAsync(HttpContext context)
    {
        var body = Open311Writer.Write(root, format);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = Open311Writer.ContentType(format);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
