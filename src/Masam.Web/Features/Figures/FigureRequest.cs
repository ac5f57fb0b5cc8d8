using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Reads a figures endpoint's query string into a typed <see cref="FigureScope"/> or
/// <see cref="SatisfactionQuery"/>, naming every bad parameter. Every figures endpoint reads
/// through here, so they all name bad input the same way.
/// </summary>
public static class FigureRequest
{
    public static async Task<FigureScope?> ReadScopeAsync(
        MasamDbContext db, IStringLocalizer text, FieldErrors errors, string? period, string? adminUnit, int? provider, string? sector, CancellationToken ct)
    {
        var figurePeriod = FigurePeriod.Parse(period);
        if (figurePeriod is null) errors.Add("period", text["error.figures.period"]);
        var unit = string.IsNullOrWhiteSpace(adminUnit) ? null : adminUnit.Trim();
        if (unit is not null && !await db.AdminUnits.AnyAsync(u => u.Code == unit, ct)) errors.Add("adminUnit", text["error.adminUnit.unknown", unit]);
        if (provider is not null && !await db.Providers.AnyAsync(p => p.Id == provider, ct)) errors.Add("provider", text["error.providerId.unknown", provider]);
        var sectorCode = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim();
        if (sectorCode is not null && !await db.Sectors.AnyAsync(s => s.Code == sectorCode, ct)) errors.Add("sector", text["error.sector.unknown", sectorCode]);
        return errors.Any ? null : new FigureScope(figurePeriod!, unit, provider, sectorCode);
    }

    /// <summary>The whole of a plain figures endpoint: reads the scope, then answers with its problems or with what <paramref name="read"/> gives.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem>> RespondAsync<T>(
        MasamDbContext db, IStringLocalizer text, string? period, string? adminUnit, int? provider, string? sector,
        Func<FigureScope, Task<T>> read, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var scope = await ReadScopeAsync(db, text, errors, period, adminUnit, provider, sector, ct);
        return scope is null ? errors.ToProblem(text) : TypedResults.Ok(await read(scope));
    }

    /// <summary>A satisfaction question from its parameters; what the figures service does not publish is named as bad input.</summary>
    public static async Task<SatisfactionQuery?> ReadSatisfactionAsync(
        MasamDbContext db, PublishedFigures figures, IStringLocalizer text, FieldErrors errors,
        string? period, string? adminUnit, int? provider, string? sector, string? serviceLine, string? dimension, string? by, CancellationToken ct)
    {
        var figureDimension = FigureDimension.All;
        if (!string.IsNullOrEmpty(dimension) && !WireEnum<FigureDimension>.TryParse(dimension, out figureDimension))
            errors.Add("dimension", text["error.enum.unknown", dimension, string.Join(", ", WireEnum<FigureDimension>.All)]);
        var breakdown = FigureBreakdown.Dimension;
        if (!string.IsNullOrEmpty(by) && !WireEnum<FigureBreakdown>.TryParse(by, out breakdown))
            errors.Add("by", text["error.figures.by", by, string.Join(", ", WireEnum<FigureBreakdown>.All)]);
        var line = string.IsNullOrWhiteSpace(serviceLine) ? null : serviceLine.Trim();
        if (line is not null && !await db.ServiceLines.AnyAsync(l => l.Code == line, ct)) errors.Add("serviceLine", text["error.serviceLine.unknown", line]);

        var scope = await ReadScopeAsync(db, text, errors, period, adminUnit, provider, sector, ct);
        if (scope is null || errors.Any) return null;
        var query = new SatisfactionQuery(scope, breakdown, figureDimension, line);
        foreach (var (field, key) in await figures.UnpublishedAsync(query, ct))
        {
            errors.Add(field, text[key]);
        }

        return errors.Any ? null : query;
    }
}
