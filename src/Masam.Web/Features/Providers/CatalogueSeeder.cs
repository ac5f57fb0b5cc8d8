using System.Text.Json;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Loads sectors, service lines and provider types from <c>seed-data/service-catalogue.json</c>.
/// Idempotent: matched on codes, names updated in place.
/// </summary>
public sealed class CatalogueSeeder(MasamDbContext db) : IDataSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var catalogue = await ReadAsync(SeedData.File("service-catalogue.json"), ct);

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, ct);
        foreach (var s in catalogue.Sectors)
        {
            if (!sectors.TryGetValue(s.Code, out var sector))
            {
                db.Sectors.Add(sector = new Sector { Code = s.Code, NameMn = s.NameMn, NameEn = s.NameEn });
            }

            (sector.NameMn, sector.NameEn) = (s.NameMn, s.NameEn);
        }

        var lines = await db.ServiceLines.ToDictionaryAsync(l => l.Code, ct);
        foreach (var l in catalogue.ServiceLines)
        {
            if (!lines.TryGetValue(l.Code, out var line))
            {
                db.ServiceLines.Add(line = new ServiceLine { Code = l.Code, SectorCode = l.Sector, NameMn = l.NameMn, NameEn = l.NameEn });
            }

            (line.SectorCode, line.NameMn, line.NameEn) = (l.Sector, l.NameMn, l.NameEn);
        }

        var types = await db.ProviderTypes.ToDictionaryAsync(t => t.Code, ct);
        foreach (var t in catalogue.ProviderTypes)
        {
            if (!types.TryGetValue(t.Code, out var type))
            {
                db.ProviderTypes.Add(type = new ProviderType { Code = t.Code, SectorCode = t.Sector, NameMn = t.NameMn, NameEn = t.NameEn });
            }

            (type.SectorCode, type.NameMn, type.NameEn) = (t.Sector, t.NameMn, t.NameEn);
        }

        await db.SaveChangesAsync(ct);
    }

    public static async Task<ServiceCatalogue> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ServiceCatalogue>(stream, JsonSerializerOptions.Web, ct)
            ?? throw new InvalidOperationException($"{path} is empty.");
    }
}

public sealed record ServiceCatalogue(
    IReadOnlyList<CatalogueEntry> Sectors,
    IReadOnlyList<CatalogueEntry> ServiceLines,
    IReadOnlyList<CatalogueEntry> ProviderTypes);

/// <summary>A sector, service line or provider type as the catalogue file writes it.</summary>
public sealed record CatalogueEntry(string Code, string NameMn, string NameEn, string Sector = "", IReadOnlyList<string>? ServiceLines = null);
