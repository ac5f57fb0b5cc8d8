using System.Text.RegularExpressions;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Adding providers, correcting them, and taking them out of (or back into) service: the rules,
/// shared by the API and the administration pages, each change audited in its transaction. A
/// provider is never deleted, since feedback, scorecards and published reports refer to it;
/// deactivating one stops new feedback at once (the intake's directory is told).
/// </summary>
public sealed partial class ProviderAdministration(
    MasamDbContext db, AuditTrail audit, ProviderDirectory directory, FeedbackAimags feedbackAimags, IStringLocalizer text)
{
    public async Task<(ProviderAdminView? Provider, FieldErrors Errors)> CreateAsync(ProviderRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = request.Code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 64 || !CodePattern().IsMatch(code))
        {
            errors.Add("code", text["error.provider.code"]);
        }
        else if (await db.Providers.AnyAsync(p => p.Code == code, ct))
        {
            errors.Add("code", text["error.provider.codeTaken", code]);
        }

        var valid = await ValidateAsync(request, null, errors, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var provider = new Provider { Code = code!, NameMn = "", NameEn = "", TypeCode = "", SearchKey = "" };
        Apply(provider, request, valid!);
        provider.SmsCode = valid!.SmsCode ?? await NextSmsCodeAsync(valid.AdminUnitId, ct);
        db.Providers.Add(provider);
        await db.SaveChangesAsync(ct);
        var view = await ViewAsync(provider.Id, ct);
        audit.Record("provider.create", nameof(Provider), Key(provider.Id), null, view);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return (view, errors);
    }

    /// <summary>Replaces the provider's details (its code stays); null and no errors when there is no such provider.</summary>
    public async Task<(ProviderAdminView? Provider, FieldErrors Errors)> UpdateAsync(int id, ProviderRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var provider = await db.Providers.Include(p => p.ServiceLines).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
        {
            return (null, errors);
        }

        if (request.Code is { } code && code.Trim() != provider.Code)
        {
            errors.Add("code", text["error.provider.codeFixed", provider.Code]);
        }

        var valid = await ValidateAsync(request, id, errors, ct);
        if (errors.Any)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await ViewAsync(id, ct);
        Apply(provider, request, valid!);
        provider.SmsCode = valid!.SmsCode ?? provider.SmsCode;
        await db.SaveChangesAsync(ct);
        var after = await ViewAsync(id, ct);
        if (after!.AdminUnit != before!.AdminUnit)
        {
            await feedbackAimags.MovedAsync(id, ct);
        }

        audit.Record("provider.update", nameof(Provider), Key(id), before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return (after, errors);
    }

    /// <summary>Takes a provider out of service or back into it; null when there is no such provider.</summary>
    public async Task<ProviderAdminView?> SetActiveAsync(int id, bool active, CancellationToken ct)
    {
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
        {
            return null;
        }

        if (provider.IsActive == active)
        {
            return await ViewAsync(id, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await ViewAsync(id, ct);
        provider.IsActive = active;
        await db.SaveChangesAsync(ct);
        var after = await ViewAsync(id, ct);
        audit.Record(active ? "provider.activate" : "provider.deactivate", nameof(Provider), Key(id), before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return after;
    }

    public Task<ProviderAdminView?> ViewAsync(int id, CancellationToken ct) =>
        db.Providers.AsNoTracking().Where(p => p.Id == id).Select(ProviderAdminView.Projection).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Providers matching a search, inactive ones included when asked; <paramref name="adminUnit"/>
    /// is an NSO code whose subtree is searched. Null when the unit is unknown.
    /// </summary>
    public async Task<IQueryable<Provider>?> SearchAsync(string? q, string? adminUnit, bool includeInactive, CancellationToken ct)
    {
        var providers = db.Providers.AsNoTracking();
        if (!includeInactive)
        {
            providers = providers.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(adminUnit))
        {
            if (await ProviderSearch.InUnitAsync(db, providers, adminUnit, ct) is not { } inUnit)
            {
                return null;
            }

            providers = inUnit;
        }

        return ProviderSearch.Matching(providers, q).OrderBy(p => p.AdminUnit!.Path).ThenBy(p => p.NameMn);
    }

    /// <summary>The next free SMS code for a provider in this unit (see <see cref="ProviderSmsCodes"/>).</summary>
    private async Task<string> NextSmsCodeAsync(int adminUnitId, CancellationToken ct)
    {
        var prefix = ProviderSmsCodes.PrefixFor(await db.AdminUnits.Where(u => u.Id == adminUnitId).Select(u => u.NameEn).FirstAsync(ct));
        var taken = await db.Providers.Where(p => p.SmsCode != null && p.SmsCode.StartsWith(prefix)).Select(p => p.SmsCode!).ToListAsync(ct);
        return ProviderSmsCodes.Next(prefix, taken.ToHashSet(StringComparer.Ordinal));
    }

    private async Task<ValidRequest?> ValidateAsync(ProviderRequest request, int? providerId, FieldErrors errors, CancellationToken ct)
    {
        var nameMn = request.NameMn?.Trim();
        if (string.IsNullOrEmpty(nameMn) || nameMn.Length > 256)
        {
            errors.Add("nameMn", text["error.provider.nameMn"]);
        }

        var nameEn = request.NameEn?.Trim();
        if (string.IsNullOrEmpty(nameEn) || nameEn.Length > 256)
        {
            errors.Add("nameEn", text["error.provider.nameEn"]);
        }

        var type = request.Type?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            errors.Add("type", text["error.provider.typeRequired"]);
        }
        else if (!await db.ProviderTypes.AnyAsync(t => t.Code == type, ct))
        {
            errors.Add("type", text["error.providerType.unknown", type]);
        }

        var unitCode = request.AdminUnit?.Trim();
        int? unitId = null;
        if (string.IsNullOrEmpty(unitCode))
        {
            errors.Add("adminUnit", text["error.provider.adminUnitRequired"]);
        }
        else
        {
            var unit = await db.AdminUnits.Where(u => u.Code == unitCode).Select(u => new { u.Id, u.ValidTo }).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                errors.Add("adminUnit", text["error.adminUnit.unknown", unitCode]);
            }
            else if (unit.ValidTo is not null)
            {
                errors.Add("adminUnit", text["error.provider.adminUnitEnded", unitCode]);
            }
            else
            {
                unitId = unit.Id;
            }
        }

        var lineCodes = (request.ServiceLines ?? []).Select(l => l?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var lines = await db.ServiceLines.Where(l => lineCodes.Contains(l.Code)).ToListAsync(ct);
        if (lineCodes.Count == 0)
        {
            errors.Add("serviceLines", text["error.provider.serviceLinesRequired"]);
        }

        foreach (var unknown in lineCodes.Where(c => lines.All(l => l.Code != c)))
        {
            errors.Add("serviceLines", text["error.serviceLine.unknown", unknown]);
        }

        var registration = string.IsNullOrWhiteSpace(request.RegistrationNumber) ? null : request.RegistrationNumber.Trim();
        if (registration is not null && !RegistrationPattern().IsMatch(registration))
        {
            errors.Add("registrationNumber", text["error.provider.registrationNumber"]);
        }

        var address = string.IsNullOrWhiteSpace(request.AddressMn) ? null : request.AddressMn.Trim();
        if (address?.Length > 512)
        {
            errors.Add("addressMn", text["error.provider.address"]);
        }

        string? smsCode = null;
        if (!string.IsNullOrWhiteSpace(request.SmsCode))
        {
            smsCode = ProviderSmsCodes.Normalize(request.SmsCode);
            if (smsCode is null)
            {
                errors.Add("smsCode", text["error.provider.smsCode"]);
            }
            else if (await db.Providers.AnyAsync(p => p.SmsCode == smsCode && p.Id != providerId, ct))
            {
                errors.Add("smsCode", text["error.provider.smsCodeTaken", smsCode]);
            }
        }

        return errors.Any ? null : new ValidRequest(nameMn!, nameEn!, type!, unitId!.Value, lines, registration, address, smsCode);
    }

    private static void Apply(Provider provider, ProviderRequest request, ValidRequest valid)
    {
        provider.NameMn = valid.NameMn;
        provider.NameEn = valid.NameEn;
        provider.TypeCode = valid.Type;
        provider.AdminUnitId = valid.AdminUnitId;
        provider.RegistrationNumber = valid.RegistrationNumber;
        provider.AddressMn = valid.AddressMn;
        provider.ServiceLines.Clear();
        provider.ServiceLines.AddRange(valid.ServiceLines);
        provider.SearchKey = NameFolding.KeyFor([valid.NameMn, valid.NameEn, provider.Code]);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Letters, digits and <c>- _ .</c>: codes appear in URLs of open data and in spreadsheets.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CodePattern();

    /// <summary>The state registration number of a legal entity: seven digits.</summary>
    [GeneratedRegex(@"^[0-9]{7}$")]
    private static partial Regex RegistrationPattern();

    private sealed record ValidRequest(
        string NameMn, string NameEn, string Type, int AdminUnitId, List<ServiceLine> ServiceLines,
        string? RegistrationNumber, string? AddressMn, string? SmsCode);
}

/// <summary>A provider as an administrator sends it: codes for its type, admin unit and service lines.</summary>
public sealed class ProviderRequest
{
    /// <summary>Set on creation and fixed after; on an update it may be left out.</summary>
    public string? Code { get; set; }
    public string? NameMn { get; set; }
    public string? NameEn { get; set; }
    public string? Type { get; set; }
    /// <summary>The NSO code of the soum, district or aimag the provider belongs to.</summary>
    public string? AdminUnit { get; set; }
    public IReadOnlyList<string?>? ServiceLines { get; set; }
    /// <summary>State registration number (seven digits), where known.</summary>
    public string? RegistrationNumber { get; set; }
    public string? AddressMn { get; set; }

    /// <summary>The code citizens text (<c>ULI01</c>): letters then digits. Left out, a new provider gets the next free one for its soum and an existing one keeps its own.</summary>
    public string? SmsCode { get; set; }
}

public sealed record ProviderAdminView(
    int Id, string Code, string NameMn, string NameEn, string Type, string AdminUnit,
    IReadOnlyList<string> ServiceLines, string? RegistrationNumber, string? AddressMn, bool IsActive, bool IsDemo, string? SmsCode)
{
    public static readonly System.Linq.Expressions.Expression<Func<Provider, ProviderAdminView>> Projection = p =>
        new ProviderAdminView(p.Id, p.Code, p.NameMn, p.NameEn, p.TypeCode, p.AdminUnit!.Code,
            p.ServiceLines.OrderBy(l => l.Code).Select(l => l.Code).ToList(), p.RegistrationNumber, p.AddressMn, p.IsActive, p.IsDemo, p.SmsCode);
}
