namespace Masam.Web.Features.Figures.Protection;

/// <summary>The provider figures analysts hold from publication (kept by Scrutiny), as the publisher asks for them.</summary>
public interface IHeldFigures
{
    /// <summary>For each held (provider, quarter) of the year (<c>2026-Q3</c>), whether the hold was confirmed.</summary>
    Task<IReadOnlyDictionary<(int ProviderId, string Period), bool>> OfYearAsync(int year, CancellationToken ct);
}
