using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>
/// What a figures request covers: a period, and the providers under an admin unit (its whole
/// subtree; the nation when none is given), narrowed to one provider or one sector. Every figures
/// endpoint reads its query string through here, so they all name bad input the same way.
/// </summary>
public sealed record FigureScope(FigurePeriod Period, IQueryable<Provider> Providers, string? UnitCode, string? UnitPath, int? ProviderId, string? Sector)
{
    public static async Task<FigureScope?> ReadAsync(
        MasamDbContext db, IStringLocalizer text, FieldErrors errors, string? period, string? adminUnit, int? provider, string? sector, CancellationToken ct)
    {
        var figurePeriod = FigurePeriod.Parse(period);
        if (figurePeriod is null) errors.Add("period", text["error.figures.period"]);

        var providers = db.Providers.AsQueryable();
        string? path = null;
        if (!string.IsNullOrWhiteSpace(adminUnit))
        {
            path = await db.AdminUnits.Where(u => u.Code == adminUnit).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("adminUnit", text["error.adminUnit.unknown", adminUnit]);
            else providers = providers.Where(p => p.AdminUnit!.Path.StartsWith(path));
        }

        if (provider is not null)
        {
            if (!await db.Providers.AnyAsync(p => p.Id == provider, ct)) errors.Add("provider", text["error.providerId.unknown", provider]);
            providers = providers.Where(p => p.Id == provider);
        }

        if (!string.IsNullOrWhiteSpace(sector))
        {
            if (!await db.Sectors.AnyAsync(s => s.Code == sector, ct)) errors.Add("sector", text["error.sector.unknown", sector]);
            providers = providers.Where(p => p.Type!.SectorCode == sector);
        }

        return errors.Any ? null : new FigureScope(figurePeriod!, providers, string.IsNullOrWhiteSpace(adminUnit) ? null : adminUnit, path, provider,
            string.IsNullOrWhiteSpace(sector) ? null : sector);
    }

    /// <summary>The whole of a plain figures endpoint: reads the scope, then answers with its problems or with what <paramref name="read"/> gives.</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<T>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>> RespondAsync<T>(
        MasamDbContext db, IStringLocalizer text, string? period, string? adminUnit, int? provider, string? sector,
        Func<FigureScope, Task<T>> read, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var scope = await ReadAsync(db, text, errors, period, adminUnit, provider, sector, ct);
        return scope is null
            ? errors.ToProblem(text)
            : TypedResults.Ok(await read(scope));
    }

    /// <summary>When the figures were last counted, for the "as of" every figure carries.</summary>
    public static Task<DateTime?> CountedAtAsync(MasamDbContext db, CancellationToken ct) =>
        db.AggregationRuns.OrderByDescending(r => r.FinishedAt).Select(r => (DateTime?)r.FinishedAt).FirstOrDefaultAsync(ct);
}
