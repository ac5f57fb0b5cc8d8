using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Provider = Masam.Web.Features.Providers.Provider;

namespace Masam.Web.Features.Open311;

/// <summary>An aimag or the capital that an Open311 request is limited to (<c>jurisdiction_id</c>).</summary>
public sealed record Jurisdiction(string Code, string Path);

/// <summary>A service line as an Open311 service, named in the request's language.</summary>
public sealed record Open311Service(string Code, string Name, string Description, string Keywords, string Group);

/// <summary>An attribute of a service definition; <see cref="Values"/> for a list, in order.</summary>
public sealed record Open311Attribute(string Code, string Datatype, bool Required, int Order, string Description, string? DatatypeDescription,
    IReadOnlyList<(string Key, string Name)> Values);

/// <summary>
/// Masam's service lines as Open311 services, and what a request for one must say (its service
/// definition): the provider, the score, and the optional facts about the respondent the web form
/// asks for. Besides the lines, <see cref="GeneralService"/> takes feedback on a provider as a whole.
/// </summary>
public sealed class Open311Catalogue(MasamDbContext db, IOptions<Open311Options> options, IStringLocalizer text)
{
    /// <summary>Feedback on a provider as a whole, with no service line (as the web form allows).</summary>
    public const string GeneralService = "general";

    /// <summary>The attributes' codes (<c>attribute[score]=4</c>).</summary>
    public static class Codes
    {
        public const string Provider = "provider";
        public const string Score = "score";
        public const string Gender = "gender";
        public const string AgeBand = "age_band";
        public const string Disability = "disability";
        public const string HerderHousehold = "herder_household";
        public const string Notify = "notify";
    }

    /// <summary>The aimag or capital named by its NSO code (<c>181</c>, <c>511</c>), or null for any other value.</summary>
    public async Task<Jurisdiction?> JurisdictionAsync(string code, CancellationToken ct) =>
        await db.AdminUnits.AsNoTracking()
            .Where(u => u.Code == code && u.Level == AdminUnitLevel.First && u.ValidTo == null)
            .Select(u => new Jurisdiction(u.Code, u.Path)).FirstOrDefaultAsync(ct);

    /// <summary>The services some active provider in the jurisdiction (or anywhere) offers, general first, then by sector and name.</summary>
    public async Task<IReadOnlyList<Open311Service>> ServicesAsync(Jurisdiction? jurisdiction, CancellationToken ct)
    {
        var offered = await ActiveProviders(jurisdiction).SelectMany(p => p.ServiceLines.Select(l => l.Code)).Distinct().ToListAsync(ct);
        var lines = await db.ServiceLines.AsNoTracking().Where(l => offered.Contains(l.Code))
            .Select(l => new { l.Code, l.NameMn, l.NameEn, SectorMn = l.Sector!.NameMn, SectorEn = l.Sector.NameEn, l.SectorCode })
            .ToListAsync(ct);
        var services = new List<Open311Service>();
        if (await ActiveProviders(jurisdiction).AnyAsync(ct))
        {
            services.Add(General());
        }

        services.AddRange(lines
            .OrderBy(l => l.SectorCode, StringComparer.Ordinal).ThenBy(l => Cultures.Pick(l.NameMn, l.NameEn), Cultures.Alphabetical)
            .Select(l => new Open311Service(l.Code, Cultures.Pick(l.NameMn, l.NameEn),
                text["open311.service.description", Cultures.Pick(l.NameMn, l.NameEn)],
                string.Join(", ", new[] { l.NameMn, l.NameEn, l.SectorMn, l.SectorEn }.Distinct()),
                Cultures.Pick(l.SectorMn, l.SectorEn))));
        return services;
    }

    /// <summary>The service with this code if some provider in the jurisdiction offers it.</summary>
    public async Task<Open311Service?> FindAsync(string code, Jurisdiction? jurisdiction, CancellationToken ct) =>
        (await ServicesAsync(jurisdiction, ct)).FirstOrDefault(s => s.Code == code);

    /// <summary>
    /// The attributes a request for the service takes, in the order a form shows them. Without
    /// <paramref name="listProviders"/> (checking a request, which looks its provider up by itself)
    /// the provider is not listed.
    /// </summary>
    public async Task<IReadOnlyList<Open311Attribute>> AttributesAsync(string serviceCode, Jurisdiction? jurisdiction, CancellationToken ct, bool listProviders = true)
    {
        var typed = new Open311Attribute(Codes.Provider, "string", true, 1, text["open311.attr.provider"], text["open311.attr.providerCode"], []);
        var limit = options.Value.ProviderListLimit;
        var listed = listProviders
            ? await ProvidersOffering(serviceCode, jurisdiction)
                .OrderBy(p => p.AdminUnit!.Path).ThenBy(p => p.Code)
                .Select(p => new { p.Code, p.NameMn, p.NameEn, SoumMn = p.AdminUnit!.NameMn, SoumEn = p.AdminUnit.NameEn })
                .Take(limit + 1)
                .ToListAsync(ct)
            : null;
        var provider = listed is null || listed.Count > limit
            ? typed
            : new Open311Attribute(Codes.Provider, "singlevaluelist", true, 1, text["open311.attr.provider"], null,
                [.. listed.Select(p => (p.Code, $"{Cultures.Pick(p.NameMn, p.NameEn)} ({Cultures.Pick(p.SoumMn, p.SoumEn)})"))]);

        IReadOnlyList<(string, string)> yesNo = [("true", text["form.yes"].Value), ("false", text["form.no"].Value)];
        return
        [
            provider,
            new(Codes.Score, "singlevaluelist", true, 2, text["feedback.score"], null,
                [.. Enumerable.Range(FeedbackRules.MinScore, FeedbackRules.MaxScore - FeedbackRules.MinScore + 1).Select(s => (Key(s), $"{s} — {text[$"score.{s}"]}"))]),
            new(Codes.Gender, "singlevaluelist", false, 3, text["feedback.gender"], null,
                [.. WireEnum<Gender>.All.Select(g => (g, text[$"gender.{g}"].Value))]),
            new(Codes.AgeBand, "singlevaluelist", false, 4, text["feedback.ageBand"], null,
                [.. WireEnum<AgeBand>.All.Select(a => (a, text[$"ageBand.{a}"].Value))]),
            new(Codes.Disability, "singlevaluelist", false, 5, text["feedback.disability"], null, yesNo),
            new(Codes.HerderHousehold, "singlevaluelist", false, 6, text["feedback.herder"], null, yesNo),
            new(Codes.Notify, "singlevaluelist", false, 7, text["feedback.contactNotify"], text["open311.attr.notifyNeedsContact"], yesNo),
        ];
    }

    /// <summary>
    /// The active provider a request names (by its code, its SMS code, or its number) that offers
    /// the service in the jurisdiction, with its aimag's code and its soum's; null when there is none.
    /// </summary>
    public async Task<(int Id, string AimagCode, string UnitPath)?> ProviderAsync(string serviceCode, Jurisdiction? jurisdiction, string given, CancellationToken ct)
    {
        var value = given.Trim();
        var upper = value.ToUpperInvariant();
        var number = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var found = await ProvidersOffering(serviceCode, jurisdiction)
            .Where(p => p.Code == value || p.Code == upper || p.SmsCode == upper || p.Id == number)
            .Select(p => new { p.Id, p.AdminUnit!.Path })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0], found.Path);
    }

    private Open311Service General() => new(GeneralService, text["open311.general.name"], text["open311.general.description"],
        text["open311.general.keywords"], text["open311.general.group"]);

    private IQueryable<Provider> ActiveProviders(Jurisdiction? jurisdiction)
    {
        var providers = db.Providers.AsNoTracking().Where(p => p.IsActive);
        return jurisdiction is null ? providers : providers.Where(p => p.AdminUnit!.Path.StartsWith(jurisdiction.Path));
    }

    private IQueryable<Provider> ProvidersOffering(string serviceCode, Jurisdiction? jurisdiction) =>
        serviceCode == GeneralService
            ? ActiveProviders(jurisdiction)
            : ActiveProviders(jurisdiction).Where(p => p.ServiceLines.Any(l => l.Code == serviceCode));

    private static string Key(int score) => score.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
