using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Sms;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>One visit as a system or a file reports it, every field as given.</summary>
public sealed record VisitReport
{
    /// <summary>The reporter's own id of the visit (at most 100 characters): sending it again changes nothing.</summary>
    public string? VisitId { get; init; }

    /// <summary>The provider's code (<c>MN-OSS-181-01</c>); may be left out with a key issued for one provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The service line's code (<c>civil-registration</c>), one the provider offers; optional.</summary>
    public string? ServiceLine { get; init; }

    /// <summary>ISO 8601; without an offset, Mongolian time (<c>2026-12-07T10:30</c>).</summary>
    public string? VisitedAt { get; init; }

    /// <summary>The visitor's mobile number, 8 digits (+976 allowed); not needed with <see cref="DoNotContact"/>.</summary>
    public string? Phone { get; init; }

    /// <summary><c>mn</c> (the default) or <c>en</c>: the survey's language.</summary>
    public string? Language { get; init; }

    /// <summary>The visitor asked not to be contacted: the visit counts, its number is not kept.</summary>
    public bool? DoNotContact { get; init; }
}

/// <summary>Who is reporting: a key (perhaps for one provider), or a staff member uploading a file within their scope.</summary>
public sealed record VisitReporter(string Origin, int? SourceId, int? OnlyProviderId, string? UploadedBy, StaffScope? Scope)
{
    public static VisitReporter Of(VisitSource source) => new("api", source.Id, source.ProviderId, null, null);

    public static VisitReporter Of(CurrentStaff staff) => new("file", null, null, staff.UserId, staff.Scope);
}

/// <summary>
/// Checks a reported visit and turns it into the row kept: a known, active provider the reporter
/// may report for, a service line it offers, a time neither in the future nor older than
/// <see cref="VisitOptions.MaxLag"/>, a Mongolian number (8 digits; not checked by prefix, as
/// operators keep adding them). Providers are looked up once per instance, so a file of a million
/// rows costs one query per provider.
/// </summary>
public sealed class VisitRules(MasamDbContext db, PhoneHasher hasher, IOptions<VisitOptions> options, TimeProvider clock, IStringLocalizer text)
{
    private readonly Dictionary<string, KnownProvider?> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, string> _codes = [];

    private sealed record KnownProvider(int Id, string Code, string UnitPath, HashSet<string> Lines);

    /// <summary>The visit to keep, or null with its problems added under <paramref name="at"/> (<c>visits[3]</c>, <c>row 12</c>).</summary>
    public async Task<ServiceVisit?> CheckAsync(VisitReport report, VisitReporter reporter, string at, FieldErrors found, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var externalId = UserText.Clean(report.VisitId);
        if (externalId is null || externalId.Length > VisitLimits.ExternalIdLength || externalId.Contains('\n'))
        {
            errors.Add($"{at}.visitId", text["error.visit.visitId", VisitLimits.ExternalIdLength]);
        }

        var provider = await ProviderAsync(report.Provider, reporter, at, errors, ct);
        var line = string.IsNullOrWhiteSpace(report.ServiceLine) ? null : report.ServiceLine.Trim().ToLowerInvariant();
        if (line is not null && provider is not null && !provider.Lines.Contains(line))
        {
            errors.Add($"{at}.serviceLine", text["error.visit.serviceLine", line, provider.Code]);
        }

        var visitedAt = VisitedAt(report.VisitedAt, at, errors);
        var doNotContact = report.DoNotContact == true;
        var phone = doNotContact || string.IsNullOrWhiteSpace(report.Phone) ? null : Feedback.FeedbackIntake.NormalizePhone(report.Phone);
        if (!doNotContact && phone is null)
        {
            errors.Add($"{at}.phone", string.IsNullOrWhiteSpace(report.Phone) ? text["error.visit.phoneMissing"] : text["error.visit.phone"]);
        }

        var language = string.IsNullOrWhiteSpace(report.Language) ? "mn" : report.Language.Trim().ToLowerInvariant();
        if (language is not ("mn" or "en"))
        {
            errors.Add($"{at}.language", text["error.enum.unknown", report.Language!, "mn, en"]);
        }

        if (errors.Any)
        {
            found.Add(errors);
            return null;
        }

        return new ServiceVisit
        {
            ProviderId = provider!.Id, ExternalId = externalId!, ServiceLineCode = line, VisitedAt = visitedAt!.Value,
            Phone = phone, PhoneHash = phone is null ? null : hasher.Hash(phone), Language = language, DoNotContact = doNotContact,
            MadeUpNumber = phone is not null && LooksMadeUp(phone),
            Origin = reporter.Origin, SourceId = reporter.SourceId, UploadedBy = reporter.UploadedBy, ReceivedAt = clock.GetUtcNow().UtcDateTime,
            PhoneKeptUntil = phone is null ? null : visitedAt.Value + options.Value.PhoneRetention,
            Survey = doNotContact ? SurveyState.NotAsked : SurveyState.Waiting,
        };
    }

    /// <summary>
    /// A number no operator issues to a person: one digit repeated (99999999), a run up or down
    /// (12345678), two digits in turn (12121212). Such visits are still taken (the number may be a
    /// counter's placeholder) and their share is a signal on the visit data (<see cref="Scrutiny.Signals.MadeUpNumbers"/>).
    /// </summary>
    public static bool LooksMadeUp(string digits)
    {
        var steps = digits.Zip(digits.Skip(1), (a, b) => b - a).ToList();
        return steps.All(s => s == 0) || steps.All(s => s == 1) || steps.All(s => s == -1)
            || digits == string.Concat(Enumerable.Repeat(digits[..2], digits.Length / 2));
    }

    /// <summary>A provider's code by its id, from those looked up (for an answer naming it).</summary>
    public string CodeOf(int providerId) => _codes.GetValueOrDefault(providerId, providerId.ToString(CultureInfo.InvariantCulture));

    private async Task<KnownProvider?> ProviderAsync(string? given, VisitReporter reporter, string at, FieldErrors errors, CancellationToken ct)
    {
        var code = given?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (reporter.OnlyProviderId is { } only)
            {
                code = await db.Providers.Where(p => p.Id == only).Select(p => p.Code).FirstAsync(ct);
            }
            else
            {
                errors.Add($"{at}.provider", text["error.visit.providerMissing"]);
                return null;
            }
        }

        if (!_providers.TryGetValue(code, out var known))
        {
            known = await db.Providers.AsNoTracking().Where(p => p.Code == code && p.IsActive)
                .Select(p => new KnownProvider(p.Id, p.Code, p.AdminUnit!.Path, p.ServiceLines.Select(l => l.Code).ToHashSet()))
                .FirstOrDefaultAsync(ct);
            _providers[code] = known;
            if (known is not null) _codes[known.Id] = known.Code;
        }

        var allowed = known is not null
            && (reporter.OnlyProviderId is not { } onlyId || onlyId == known.Id)
            && (reporter.Scope is not { } scope || scope.Covers(known.UnitPath, known.Id));
        if (known is null || (reporter.Scope is not null && !allowed))
        {
            // Outside a staff member's scope reads as unknown: an upload does not tell what exists elsewhere.
            errors.Add($"{at}.provider", text["error.visit.provider", code]);
            return null;
        }

        if (!allowed)
        {
            errors.Add($"{at}.provider", text["error.visit.providerOfKey", code]);
            return null;
        }

        return known;
    }

    private DateTime? VisitedAt(string? given, string at, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            errors.Add($"{at}.visitedAt", text["error.visit.visitedAtMissing"]);
            return null;
        }

        DateTime utc;
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, styles | DateTimeStyles.AssumeUniversal, out var withOffset) && HasOffset(given))
        {
            utc = withOffset.UtcDateTime;
        }
        else if (DateTime.TryParse(given, CultureInfo.InvariantCulture, styles, out var local))
        {
            utc = MongolianTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        }
        else
        {
            errors.Add($"{at}.visitedAt", text["error.visit.visitedAt", given]);
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (utc > now + VisitLimits.ClockSkew)
        {
            errors.Add($"{at}.visitedAt", text["error.visit.future", given]);
            return null;
        }

        if (utc < now - options.Value.MaxLag)
        {
            errors.Add($"{at}.visitedAt", text["error.visit.tooOld", given, (int)options.Value.MaxLag.TotalHours]);
            return null;
        }

        return utc > now ? now : utc;
    }

    /// <summary>Whether an ISO time names its offset (<c>Z</c>, <c>+08:00</c>), rather than being local.</summary>
    private static bool HasOffset(string value)
    {
        var time = value.Trim();
        var t = time.IndexOfAny(['T', ' ']);
        return t > 0 && (time.EndsWith('Z') || time.EndsWith('z') || time.AsSpan(t).IndexOfAny('+', '-') > 0);
    }
}
