using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Open311;

/// <summary>
/// The GeoReport v2 server under <c>/open311/v2/</c>: discovery, services, service definitions,
/// service requests (POST with an <c>api_key</c>; GET), and tokens; each in XML (<c>.xml</c>) or
/// JSON (<c>.json</c>), with errors as the standard's list. <c>jurisdiction_id</c>, when given,
/// is an aimag's or the capital's NSO code and limits everything to it.
/// </summary>
public static partial class Open311Endpoints
{
    public const string Prefix = "/open311/v2";
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>The largest form a POST may send (a 4,000-character description in Cyrillic is about 8 KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>When the services' and definitions' shape last changed; later, the last change to a provider (discovery's changeset).</summary>
    private static readonly DateTime CatalogueBaseline = new(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc);

    public static RouteGroupBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Open311 GeoReport v2").AllowAnonymous().DisableAntiforgery();

        group.MapGet("/discovery.{format}", DiscoveryAsync)
            .WithName("Open311Discovery")
            .WithSummary("Open311 service discovery: where the GeoReport v2 endpoint is, its formats, and how to get an api_key")
            .Open311Produces();
        group.MapGet("/services.{format}", ServicesAsync)
            .WithName("Open311Services")
            .WithSummary("The services (Masam's service lines, and 'general' for a provider as a whole), named in the request's language")
            .WithDescription("jurisdiction_id: an aimag's or the capital's NSO code (181, 511); only services offered there.")
            .Open311Produces();
        group.MapGet("/services/{service_code}.{format}", DefinitionAsync)
            .WithName("Open311ServiceDefinition")
            .WithSummary("What a request for the service takes: provider, score, and the optional facts the web form asks for")
            .Open311Produces();
        group.MapPost("/requests.{format}", PostAsync)
            .WithName("Open311PostRequest")
            .WithSummary("Give feedback as a service request (form-encoded; api_key required)")
            .WithDescription("Fields: api_key, service_code, attribute[provider], attribute[score] (and the optional attributes), description " +
                "(up to 4,000 characters, no HTML), a location (lat and long, address_id or address_string), and optionally email, phone, " +
                "first_name, last_name (kept apart as the web form's contact details). An Idempotency-Key header makes a retry return the first id.")
            .Open311Produces()
            .AddEndpointFilter(async (context, next) =>
            {
                // Every refused post is counted, whatever refused it (the key, the limit, the form, the intake's rules).
                var result = await next(context);
                if (result is Open311Result { Refusal: { } reason })
                {
                    context.HttpContext.RequestServices.GetRequiredService<Infrastructure.MasamMetrics>().SubmissionRefused("open311", reason);
                }

                return result;
            });
        group.MapGet("/requests.{format}", ListAsync)
            .WithName("Open311Requests")
            .WithSummary("Requests by id (service_request_id, a comma list), or by service_code, start_date, end_date (90 days at most), status, page and page_size; no key needed")
            .Open311Produces();
        group.MapGet("/requests/{service_request_id}.{format}", OneAsync)
            .WithName("Open311Request")
            .WithSummary("One request: its status (open or closed), the public answer as status_notes, the provider, the dates and the deadline")
            .Open311Produces();
        group.MapGet("/tokens/{token}.{format}", TokenAsync)
            .WithName("Open311Token")
            .WithSummary("The request id for a token (Masam answers every POST with an id at once; a tracking code given as a token resolves to its request)")
            .Open311Produces();
        // The endpoint's root, as the discovery specification suggests, shows the discovery document.
        group.MapGet("/", () => TypedResults.Redirect($"{Prefix}/discovery.xml")).ExcludeFromDescription();
        group.MapMethods("/{**path}", ["GET", "POST"], (string path, HttpContext context) =>
                Errors(FormatOf(path) ?? Open311Format.Xml, StatusCodes.Status404NotFound, Text(context)["error.open311.noSuchResource", path]))
            .ExcludeFromDescription();
        return group;
    }

    private static RouteHandlerBuilder Open311Produces(this RouteHandlerBuilder builder) => builder
        .Produces(StatusCodes.Status200OK, contentType: "text/xml", additionalContentTypes: ["application/json"])
        .Produces(StatusCodes.Status400BadRequest, contentType: "text/xml", additionalContentTypes: ["application/json"])
        .Produces(StatusCodes.Status404NotFound, contentType: "text/xml", additionalContentTypes: ["application/json"]);

    private static async Task<IResult> DiscoveryAsync(string format, HttpContext context, MasamDbContext db,
        IOptions<Open311Options> options, IOptions<MasamOptions> masam, CancellationToken ct)
    {
        if (Parse(format) is not { } f) return BadFormat(format, context);
        var text = Text(context);
        var changed = await db.AuditEntries.Where(e => e.EntityType == "Provider").MaxAsync(e => (DateTime?)e.At, ct);
        var changeset = Open311Writer.W3(changed is { } at && at > CatalogueBaseline ? at : CatalogueBaseline);
        var url = masam.Value.PublicUrl.TrimEnd('/');
        return new Open311Result(new Open311Object("discovery",
            new Open311Value("changeset", changeset),
            new Open311Value("contact", options.Value.Contact ?? text["open311.contact", url]),
            new Open311Value("key_service", options.Value.KeyService ?? text["open311.keyService"]),
            new Open311List("endpoints",
            [
                new Open311Object("endpoint",
                    new Open311Value("specification", Specification),
                    new Open311Value("url", url + Prefix),
                    new Open311Value("changeset", changeset),
                    new Open311Value("type", masam.Value.SeedDemoData ? "test" : "production"),
                    new Open311List("formats", [new Open311Value("format", "text/xml"), new Open311Value("format", "application/json")])),
            ])), f);
    }

    private static async Task<IResult> ServicesAsync(string format, HttpContext context, Open311Catalogue catalogue, CancellationToken ct)
    {
        var (f, jurisdiction, refusal) = await ReadAsync(format, context, catalogue, ct);
        if (refusal is not null) return refusal;
        var services = await catalogue.ServicesAsync(jurisdiction, ct);
        return new Open311Result(new Open311List("services", [.. services.Select(s => new Open311Object("service",
            new Open311Value("service_code", s.Code),
            new Open311Value("service_name", s.Name),
            new Open311Value("description", s.Description),
            new Open311Value("metadata", true),
            new Open311Value("type", "realtime"),
            new Open311Value("keywords", s.Keywords),
            new Open311Value("group", s.Group)))]), f);
    }

    private static async Task<IResult> DefinitionAsync(string service_code, string format, HttpContext context, Open311Catalogue catalogue, CancellationToken ct)
    {
        var (f, jurisdiction, refusal) = await ReadAsync(format, context, catalogue, ct);
        if (refusal is not null) return refusal;
        if (await catalogue.FindAsync(service_code, jurisdiction, ct) is null)
        {
            return Errors(f, StatusCodes.Status404NotFound, $"service_code: {Text(context)["error.open311.unknownService", service_code]}");
        }

        var attributes = await catalogue.AttributesAsync(service_code, jurisdiction, ct);
        return new Open311Result(new Open311Object("service_definition",
            new Open311Value("service_code", service_code),
            new Open311List("attributes", [.. attributes.Select(a => new Open311Object("attribute",
                new Open311Value("variable", true),
                new Open311Value("code", a.Code),
                new Open311Value("datatype", a.Datatype),
                new Open311Value("required", a.Required),
                Open311Value.Optional("datatype_description", a.DatatypeDescription),
                new Open311Value("order", a.Order),
                new Open311Value("description", a.Description),
                a.Datatype.EndsWith("valuelist", StringComparison.Ordinal)
                    ? new Open311List("values", [.. a.Values.Select(v => new Open311Object("value", new Open311Value("key", v.Key), new Open311Value("name", v.Name)))])
                    : null))])), f);
    }

    private static async Task<IResult> PostAsync(string format, HttpContext context, Open311Clients clients, Open311RateLimits limits,
        Open311Catalogue catalogue, Open311Requests requests, CancellationToken ct)
    {
        if (Parse(format) is not { } f) return BadFormat(format, context);
        var text = Text(context);
        if (!context.Request.HasFormContentType)
        {
            return Errors(f, StatusCodes.Status400BadRequest, text["error.open311.formOnly"]);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Errors(f, StatusCodes.Status400BadRequest, text["error.open311.formTooLarge", MaxBodyBytes / 1024]);
        }

        var key = form["api_key"].ToString() is { Length: > 0 } k ? k : context.Request.Query["api_key"].ToString();
        if (await clients.AuthenticateAsync(key, ct) is not { } client)
        {
            return Errors(f, StatusCodes.Status403Forbidden, text[string.IsNullOrWhiteSpace(key) ? "error.open311.keyMissing" : "error.open311.keyInvalid"]);
        }

        if (!limits.TryAcquire(client.Id, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Errors(f, StatusCodes.Status429TooManyRequests, text["problem.rateLimited.detail", retryAfter]);
        }

        var (jurisdiction, unknown) = await JurisdictionAsync(context, catalogue, form["jurisdiction_id"], f, ct);
        if (unknown is not null) return unknown;

        var idempotencyKey = context.Request.Headers[IdempotencyKey.HeaderName].ToString().Trim();
        if (idempotencyKey.Length > FeedbackRules.IdempotencyKeyMaxLength)
        {
            return Errors(f, StatusCodes.Status400BadRequest, text["problem.idempotencyKey.invalid", FeedbackRules.IdempotencyKeyMaxLength]);
        }

        var (receipt, errors) = await requests.SubmitAsync(form, client, jurisdiction, idempotencyKey.Length == 0 ? null : idempotencyKey, ct);
        if (receipt is null)
        {
            return Errors(f, errors);
        }

        return new Open311Result(new Open311List("service_requests",
        [
            new Open311Object("request", new Open311Value("service_request_id", receipt.ServiceRequestId), new Open311Value("service_notice", receipt.ServiceNotice)),
        ]), f);
    }

    private static async Task<IResult> ListAsync(string format, HttpContext context, Open311Catalogue catalogue, Open311Requests requests, CancellationToken ct)
    {
        var (f, jurisdiction, refusal) = await ReadAsync(format, context, catalogue, ct);
        if (refusal is not null) return refusal;
        // Lists need no key, as the standard has them: a request's id is its public number, which grants nothing.
        var (found, errors) = await requests.FindAsync(context.Request.Query, jurisdiction, ct);
        return found is null ? Errors(f, errors) : Requests(found, f);
    }

    private static async Task<IResult> OneAsync(string service_request_id, string format, HttpContext context, Open311Catalogue catalogue,
        Open311Requests requests, CancellationToken ct)
    {
        var (f, jurisdiction, refusal) = await ReadAsync(format, context, catalogue, ct);
        if (refusal is not null) return refusal;
        return await requests.FindAsync(service_request_id, jurisdiction, ct) is { } found
            ? Requests([found], f)
            : Errors(f, StatusCodes.Status404NotFound, $"service_request_id: {Text(context)["error.open311.unknownRequest", service_request_id]}");
    }

    private static async Task<IResult> TokenAsync(string token, string format, HttpContext context, Open311Catalogue catalogue,
        Open311Requests requests, CancellationToken ct)
    {
        var (f, jurisdiction, refusal) = await ReadAsync(format, context, catalogue, ct);
        if (refusal is not null) return refusal;
        return await requests.FindAsync(token, jurisdiction, ct) is { } found
            ? new Open311Result(new Open311List("service_requests",
                [new Open311Object("request", new Open311Value("service_request_id", found.ServiceRequestId), new Open311Value("token", token))]), f)
            : Errors(f, StatusCodes.Status404NotFound, $"token: {Text(context)["error.open311.unknownToken", token]}");
    }

    private static Open311Result Requests(IEnumerable<Open311RequestView> found, Open311Format format) =>
        new(new Open311List("service_requests", [.. found.Select(r => new Open311Object("request",
            new Open311Value("service_request_id", r.ServiceRequestId),
            new Open311Value("status", r.Open ? "open" : "closed"),
            Open311Value.Optional("status_notes", r.StatusNotes),
            new Open311Value("service_name", r.ServiceName),
            new Open311Value("service_code", r.ServiceCode),
            new Open311Value("agency_responsible", r.AgencyResponsible),
            new Open311Value("requested_datetime", r.RequestedAt),
            new Open311Value("updated_datetime", r.UpdatedAt),
            new Open311Value("expected_datetime", r.ExpectedAt),
            new Open311Value("address", r.Address),
            new Open311Value("address_id", r.AddressId),
            Open311Value.Optional("lat", r.Latitude),
            Open311Value.Optional("long", r.Longitude)))]), format);

    /// <summary>A GET's format (its path's extension) and jurisdiction, or the error to answer with.</summary>
    private static async Task<(Open311Format Format, Jurisdiction? Jurisdiction, IResult? Refusal)> ReadAsync(
        string format, HttpContext context, Open311Catalogue catalogue, CancellationToken ct)
    {
        if (Parse(format) is not { } f)
        {
            return (Open311Format.Xml, null, BadFormat(format, context));
        }

        var (jurisdiction, unknown) = await JurisdictionAsync(context, catalogue, context.Request.Query["jurisdiction_id"], f, ct);
        return (f, jurisdiction, unknown);
    }

    /// <summary>The jurisdiction named, or none; an unknown one is the 404 to answer with.</summary>
    private static async Task<(Jurisdiction? Jurisdiction, IResult? NotFound)> JurisdictionAsync(
        HttpContext context, Open311Catalogue catalogue, Microsoft.Extensions.Primitives.StringValues given, Open311Format format, CancellationToken ct)
    {
        var code = given.ToString().Trim();
        if (code.Length == 0)
        {
            return (null, null);
        }

        return await catalogue.JurisdictionAsync(code, ct) is { } jurisdiction
            ? (jurisdiction, null)
            : (null, Errors(format, StatusCodes.Status404NotFound, $"jurisdiction_id: {Text(context)["error.open311.unknownJurisdiction", code]}"));
    }

    private static IStringLocalizer Text(HttpContext context) => context.RequestServices.GetRequiredService<IStringLocalizer>();
}
