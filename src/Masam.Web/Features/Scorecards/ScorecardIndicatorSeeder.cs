using System.Text.Json;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Scorecards;

/// <summary>Loads the library of scorecard indicators per sector (<c>seed-data/scorecard-indicators.json</c>), adding new ones and updating their names.</summary>
public sealed class ScorecardIndicatorSeeder(MasamDbContext db) : IDataSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await using var stream = File.OpenRead(SeedData.File("scorecard-indicators.json"));
        var file = await JsonSerializer.DeserializeAsync<IndicatorFile>(stream, JsonSerializerOptions.Web, ct)
            ?? throw new InvalidOperationException("scorecard-indicators.json is empty.");
        var existing = await db.ScorecardIndicators.ToDictionaryAsync(i => i.Code, ct);
        foreach (var row in file.Indicators)
        {
            if (!existing.TryGetValue(row.Code, out var indicator))
            {
                db.ScorecardIndicators.Add(indicator = new ScorecardIndicator { Code = row.Code, SectorCode = row.Sector, NameMn = row.NameMn, NameEn = row.NameEn });
            }

            (indicator.SectorCode, indicator.NameMn, indicator.NameEn) = (row.Sector, row.NameMn, row.NameEn);
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed record IndicatorFile(IReadOnlyList<IndicatorRow> Indicators);

    private sealed record IndicatorRow(string Code, string Sector, string NameMn, string NameEn);
}
