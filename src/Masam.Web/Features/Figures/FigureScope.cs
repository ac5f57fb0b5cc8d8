using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

/// <summary>
/// What a figure question covers: a period, and an area — the nation (no unit, no provider), an
/// aimag, the capital, a soum or district (its NSO code), or one provider — optionally narrowed to
/// one sector. Built directly by pages and jobs, or read from a query string by <see cref="FigureRequest"/>.
/// </summary>
public sealed record FigureScope(FigurePeriod Period, string? UnitCode = null, int? ProviderId = null, string? Sector = null)
{
    /// <summary>The providers the scope covers (a unit's whole subtree; the nation's every provider).</summary>
    public IQueryable<Provider> Providers(MasamDbContext db)
    {
        var providers = db.Providers.AsQueryable();
        if (UnitCode is { } code)
        {
            var path = db.AdminUnits.Where(u => u.Code == code).Select(u => u.Path);
            providers = providers.Where(p => path.Any(prefix => p.AdminUnit!.Path.StartsWith(prefix)));
        }

        if (ProviderId is { } id) providers = providers.Where(p => p.Id == id);
        if (Sector is { } sector) providers = providers.Where(p => p.Type!.SectorCode == sector);
        return providers;
    }

    public FigureScope WithPeriod(FigurePeriod period) => this with { Period = period };
}

/// <summary>The breakdowns of a satisfaction question (wire names: <c>dimension</c>, <c>provider</c>, <c>admin-unit</c>, <c>sector</c>).</summary>
public enum FigureBreakdown
{
    /// <summary>By the values of a dimension of the respondents (or everyone).</summary>
    Dimension,
    Provider,

    /// <summary>By the units one level down: the aimags of the nation, the soums (and aimag-level bodies) of an aimag.</summary>
    AdminUnit,
    Sector,
}

/// <summary>A dimension of the respondents (wire names: <c>all</c>, <c>gender</c>, <c>age-band</c>, <c>disability</c>, <c>herder-household</c>, <c>channel</c>, <c>service-line</c>).</summary>
public enum FigureDimension
{
    All,
    Gender,
    AgeBand,
    Disability,
    HerderHousehold,
    Channel,
    ServiceLine,
}

/// <summary>One satisfaction question: a scope, broken down by a dimension, providers, units or sectors; or one service line.</summary>
public sealed record SatisfactionQuery(FigureScope Scope, FigureBreakdown By = FigureBreakdown.Dimension, FigureDimension Dimension = FigureDimension.All, string? ServiceLine = null);
