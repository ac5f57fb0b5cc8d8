namespace Masam.Web.Features.Open311;

/// <summary>The answer's format, from the path's extension, and the standard's error list.</summary>
public static partial class Open311Endpoints
{
    private static Open311Format? Parse(string format) => format.ToLowerInvariant() switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    private static Open311Format? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => Open311Format.Json,
        _ => null,
    };

    /// <summary>An unknown format is answered in XML, the format every client reads.</summary>
    private static Open311Result BadFormat(string format, HttpContext context) =>
        Errors(Open311Format.Xml, StatusCodes.Status400BadRequest, Text(context)["error.open311.format", format]);

    private static Open311Result Errors(Open311Format format, int status, string description) => Errors(format, [new Open311Error(status, description)]);

    /// <summary>The standard's error list; the response's status is the first error's (a 404 is reported before a 400).</summary>
    private static Open311Result Errors(Open311Format format, IReadOnlyList<Open311Error> errors)
    {
        var status = errors.Any(e => e.Status == StatusCodes.Status404NotFound) ? StatusCodes.Status404NotFound : errors[0].Status;
        return new Open311Result(new Open311List("errors", [.. errors.Select(e => new Open311Object("error",
            new Open311Value("code", e.Status), new Open311Value("description", e.Description)))]), format, status, Reason(errors[0]));
    }

    /// <summary>What refused, for the metrics: the argument the first error names (<c>attribute[score]</c>), or what its status says.</summary>
    private static string Reason(Open311Error error) =>
        ArgumentName().Match(error.Description) is { Success: true } named ? named.Groups[1].Value
        : error.Status switch { 403 => "api_key", 429 => "rate-limit", 404 => "not-found", _ => "request" };

    [System.Text.RegularExpressions.GeneratedRegex(@"^([A-Za-z_\[\]\-\.]{1,40}):")]
    private static partial System.Text.RegularExpressions.Regex ArgumentName();
}
