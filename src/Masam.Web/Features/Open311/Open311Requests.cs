using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Open311;

/// <summary>An Open311 error: the HTTP status it is answered with, and what is wrong, for the user to read.</summary>
public sealed record Open311Error(int Status, string Description);

/// <summary>A service request as GeoReport v2 shows it: what the tracking page shows, nothing more.</summary>
public sealed record Open311RequestView(
    string ServiceRequestId, bool Open, string? StatusNotes, string ServiceCode, string ServiceName, string AgencyResponsible,
    DateTime RequestedAt, DateTime UpdatedAt, DateTime ExpectedAt, string Address, string AddressId, double? Latitude, double? Longitude);

/// <summary>What a POST created: the request's public number, and what the citizen can expect (with their tracking code).</summary>
public sealed record Open311Receipt(string ServiceRequestId, string ServiceNotice);

/// <summary>
/// Service requests through Open311, on the application classes the REST API and the web form
/// use: a POST is checked by <see cref="FeedbackIntake"/> and stored by <see cref="FeedbackWriter"/>
/// (the same rules, idempotency and contact table); reads show what the tracking page shows (the
/// status, the public answer masked as on the page), never the comment, a contact detail or a note.
/// </summary>
public sealed partial class Open311Requests(
    MasamDbContext db, Open311Catalogue catalogue, FeedbackIntake intake, FeedbackWriter writer, AimagBoundaries boundaries,
    IOptions<MasamOptions> masam, TimeProvider clock, IStringLocalizer text)
{
    public const int DescriptionMaxLength = 4000;
    public const int MaxPageSize = 1000;
    public const int MaxIds = 100;
    public const int MaxRangeDays = 90;
    private const int AddressStringMaxLength = 1000;

    /// <summary>The intake's field names, as an Open311 client named them.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["score"] = Attribute(Open311Catalogue.Codes.Score),
        ["providerId"] = Attribute(Open311Catalogue.Codes.Provider),
        ["serviceLine"] = "service_code",
        ["comment"] = "description",
        ["demographics.gender"] = Attribute(Open311Catalogue.Codes.Gender),
        ["demographics.ageBand"] = Attribute(Open311Catalogue.Codes.AgeBand),
        ["contact.name"] = "first_name",
        ["contact.phone"] = "phone",
        ["contact.email"] = "email",
        ["contact.notify"] = Attribute(Open311Catalogue.Codes.Notify),
    };

    /// <summary>
    /// Creates the feedback a POST describes, or says everything that is wrong with it (nothing is
    /// stored then). <paramref name="idempotencyKey"/>, when the client sent one, makes a retry
    /// return the first tracking code.
    /// </summary>
    public async Task<(Open311Receipt? Receipt, IReadOnlyList<Open311Error> Errors)> SubmitAsync(
        IFormCollection form, AuthenticatedClient client, Jurisdiction? jurisdiction, string? idempotencyKey, CancellationToken ct)
    {
        var errors = new List<Open311Error>();
        var serviceCode = Value(form, "service_code");
        if (serviceCode is null)
        {
            return (null, [Bad("service_code", text["error.open311.required"])]);
        }

        if (await catalogue.FindAsync(serviceCode, jurisdiction, ct) is null)
        {
            return (null, [new(StatusCodes.Status404NotFound, $"service_code: {text["error.open311.unknownService", serviceCode]}")]);
        }

        var attributes = await catalogue.AttributesAsync(serviceCode, jurisdiction, ct, listProviders: false);
        var given = Attributes(form, attributes, errors);

        (int Id, string AimagCode, string UnitPath)? provider = null;
        if (given.TryGetValue(Open311Catalogue.Codes.Provider, out var providerCode))
        {
            provider = await catalogue.ProviderAsync(serviceCode, jurisdiction, providerCode, ct);
            if (provider is null)
            {
                errors.Add(Bad(Attribute(Open311Catalogue.Codes.Provider), text["error.open311.unknownProvider", providerCode, serviceCode]));
            }
        }

        await CheckLocationAsync(form, provider, jurisdiction, errors, ct);

        var description = UserText.Clean(Value(form, "description", trim: false));
        if (description is not null && HtmlTag().IsMatch(description))
        {
            errors.Add(Bad("description", text["error.open311.html"]));
        }

        var name = string.Join(' ', new[] { Value(form, "first_name"), Value(form, "last_name") }.OfType<string>());
        var request = new SubmitFeedbackRequest
        {
            ProviderId = provider?.Id,
            ServiceLine = serviceCode == Open311Catalogue.GeneralService ? null : serviceCode,
            Score = given.TryGetValue(Open311Catalogue.Codes.Score, out var score) ? int.Parse(score, CultureInfo.InvariantCulture) : null,
            Comment = description,
            Channel = WireEnum<FeedbackChannel>.Name(FeedbackChannel.Web),
            Demographics = new FeedbackDemographics
            {
                Gender = given.GetValueOrDefault(Open311Catalogue.Codes.Gender),
                AgeBand = given.GetValueOrDefault(Open311Catalogue.Codes.AgeBand),
                Disability = Flag(given, Open311Catalogue.Codes.Disability),
                HerderHousehold = Flag(given, Open311Catalogue.Codes.HerderHousehold),
            },
            Contact = new FeedbackContactDetails
            {
                Name = name.Length == 0 ? null : name,
                Phone = Value(form, "phone"),
                Email = Value(form, "email"),
                Notify = Flag(given, Open311Catalogue.Codes.Notify),
            },
        };

        var (feedback, fieldErrors) = await intake.ValidateAsync(request, ct, countRefusal: false); // the endpoint counts every refused post once
        foreach (var (field, message) in fieldErrors.All)
        {
            // What was already named above, in the request's own terms (a missing score, an unknown provider), once is enough.
            var named = Fields.GetValueOrDefault(field, field);
            if (!errors.Any(e => e.Description.StartsWith(named + ":", StringComparison.Ordinal)))
            {
                errors.Add(Bad(named, message));
            }
        }

        if (errors.Count > 0 || feedback is null)
        {
            return (null, errors);
        }

        try
        {
            var key = idempotencyKey is null ? null : IdempotencyKey.Create($"open311:{client.Id}:{idempotencyKey}", Fingerprint(form));
            // A client that names the device counts it as one voice; without, each request counts (a keyed partner, limited per key).
            var device = Value(form, "device_id") is { Length: <= 100 } named ? Voices.Device(client.Id, named) : null;
            var receipt = await writer.SubmitAsync(feedback with { Voice = device }, key, ct);
            var stored = TrackingCodes.Normalize(receipt.TrackingCode)!;
            var item = await db.Feedback.Where(f => f.TrackingCode == stored).Select(f => new { f.Id, f.DueAt }).FirstAsync(ct);
            var url = $"{masam.Value.PublicUrl.TrimEnd('/')}{receipt.TrackingUrl}";
            // The number is the request's id for everyone; the tracking code, the citizen's credential, only in the notice to them.
            return (new Open311Receipt(RequestId.Of(item.Id), text["open311.notice", MongolianTime.DateOf(item.DueAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                url, receipt.TrackingCode]), []);
        }
        catch (IdempotencyKeyReusedException)
        {
            return (null, [Bad(IdempotencyKey.HeaderName, text["problem.idempotencyKey.reused"])]);
        }
    }

    /// <summary>
    /// The location the standard requires: <c>lat</c> and <c>long</c> (inside Mongolia, in the
    /// provider's aimag), an <c>address_id</c> (the NSO code of the provider's soum, district or
    /// aimag), or an <c>address_string</c>. Masam keeps none of them: feedback is placed by its provider.
    /// </summary>
    private async Task CheckLocationAsync(IFormCollection form, (int Id, string AimagCode, string UnitPath)? provider, Jurisdiction? jurisdiction,
        List<Open311Error> errors, CancellationToken ct)
    {
        var (lat, lon) = (Value(form, "lat"), Value(form, "long"));
        var (addressId, addressString) = (Value(form, "address_id"), Value(form, "address_string"));
        if (lat is null && lon is null && addressId is null && addressString is null)
        {
            errors.Add(Bad("lat", text["error.open311.location"]));
            return;
        }

        if (lat is not null || lon is not null)
        {
            var latitudeOk = Coordinate(lat, -90, 90, out var latitude);
            if (!latitudeOk || !Coordinate(lon, -180, 180, out var longitude))
            {
                errors.Add(Bad(latitudeOk ? "long" : "lat", text["error.open311.latLong"]));
            }
            else if (boundaries.Locate(latitude, longitude) is not { } aimag)
            {
                errors.Add(Bad("lat", text["error.open311.outsideMongolia", lat!, lon!]));
            }
            else if (jurisdiction is not null && !boundaries.IsIn(jurisdiction.Code, latitude, longitude))
            {
                errors.Add(Bad("lat", text["error.open311.outsideJurisdiction", lat!, lon!, await UnitNameAsync(jurisdiction.Code, ct)]));
            }
            else if (provider is { } p && p.AimagCode != aimag && !boundaries.IsIn(p.AimagCode, latitude, longitude))
            {
                errors.Add(Bad("lat", text["error.open311.otherAimag", await UnitNameAsync(aimag, ct), await UnitNameAsync(p.AimagCode, ct)]));
            }
        }

        if (addressId is not null)
        {
            var unit = await db.AdminUnits.AsNoTracking().Where(u => u.Code == addressId && u.ValidTo == null).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                errors.Add(Bad("address_id", text["error.open311.addressId", addressId]));
            }
            else if (provider is { } p && !p.UnitPath.StartsWith(unit, StringComparison.Ordinal))
            {
                errors.Add(Bad("address_id", text["error.open311.addressIdOther", addressId]));
            }
        }

        if (addressString is { Length: > AddressStringMaxLength })
        {
            errors.Add(Bad("address_string", text["error.open311.addressString", AddressStringMaxLength]));
        }
    }

    /// <summary>
    /// The <c>attribute[code]</c> values, each checked against its definition: an unknown code, a
    /// second value for a single-valued attribute, or a value not in its list is an error.
    /// </summary>
    private Dictionary<string, string> Attributes(IFormCollection form, IReadOnlyList<Open311Attribute> definitions, List<Open311Error> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, given) in form)
        {
            if (!name.StartsWith("attribute[", StringComparison.Ordinal))
            {
                continue;
            }

            var code = AttributeName().Match(name) is { Success: true } m ? m.Groups[1].Value : null;
            var definition = definitions.FirstOrDefault(d => d.Code == code);
            var filled = given.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (definition is null)
            {
                errors.Add(Bad(name, text["error.open311.unknownAttribute", string.Join(", ", definitions.Select(d => d.Code))]));
            }
            else if (filled.Count > 1 || values.ContainsKey(definition.Code))
            {
                errors.Add(Bad(Attribute(definition.Code), text["error.open311.oneValue"]));
            }
            else if (filled.Count == 1 && definition.Datatype == "singlevaluelist" && definition.Values.All(v => v.Key != filled[0]))
            {
                errors.Add(Bad(Attribute(definition.Code), text["error.open311.notInList", filled[0], string.Join(", ", definition.Values.Select(v => v.Key))]));
            }
            else if (filled.Count == 1)
            {
                values[definition.Code] = filled[0];
            }
        }

        foreach (var missing in definitions.Where(d => d.Required && !values.ContainsKey(d.Code) && !errors.Any(e => e.Description.StartsWith(Attribute(d.Code), StringComparison.Ordinal))))
        {
            errors.Add(Bad(Attribute(missing.Code), text["error.open311.required"]));
        }

        return values;
    }

    private async Task<string> UnitNameAsync(string code, CancellationToken ct) =>
        await db.AdminUnits.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.NameMn, u.NameEn }).FirstOrDefaultAsync(ct) is { } unit
            ? Cultures.Pick(unit.NameMn, unit.NameEn)
            : code;

    private Open311Error Bad(string field, string message) => new(StatusCodes.Status400BadRequest, $"{field}: {message}");

    private static string Attribute(string code) => $"attribute[{code}]";

    private static bool? Flag(Dictionary<string, string> given, string code) =>
        given.TryGetValue(code, out var value) ? value == "true" : null;

    private static bool Coordinate(string? value, double min, double max, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result) && result >= min && result <= max;

    /// <summary>A form field's value; "optional" means empty is the same as absent.</summary>
    private static string? Value(IFormCollection form, string name, bool trim = true) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? (trim ? value.ToString().Trim() : value.ToString()) : null;

    /// <summary>What the request says, for an Idempotency-Key's check: every field but the key, in order.</summary>
    private static byte[] Fingerprint(IFormCollection form) => Encoding.UTF8.GetBytes(string.Join('\n',
        form.Where(f => f.Key != "api_key").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={string.Join('\u001f', f.Value.ToArray())}")));

    [GeneratedRegex(@"^attribute\[([^\[\]]+)\](\[\])?$")]
    private static partial Regex AttributeName();

    /// <summary>A tag, a comment or a declaration: what makes text HTML rather than words with a "&lt;" in them.</summary>
    [GeneratedRegex(@"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>|!--|!doctype|\?xml|script\b)", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();
}
