using System.Globalization;
using System.Text.Json;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Geography;

/// <summary>
/// Loads the 22 first-level and 340 second-level units from <c>seed-data/</c>, keyed on NSO codes.
/// Idempotent: units are matched on their code and updated in place, never duplicated.
/// </summary>
public sealed class GeographySeeder(MasamDbContext db) : IDataSeeder
{
    /// <summary>The date of the OCHA/NSO boundary set the units come from.</summary>
    public static readonly DateOnly SourceValidFrom = new(2020, 10, 19);

    public async Task SeedAsync(CancellationToken ct)
    {
        var folder = SeedData.Folder;
        var aimags = ReadAimags(folder);
        var soums = ReadSoums(folder);

        var existing = await db.AdminUnits.ToDictionaryAsync(u => u.Code, ct);
        foreach (var a in aimags)
        {
            var population = soums.Where(s => s.AimagCode == a.Code).Sum(s => s.Population);
            var unit = Upsert(existing, a.Code, $"/{a.Code}/");
            unit.Level = AdminUnitLevel.First;
            unit.Kind = a.IsCapital ? AdminUnitKind.Capital : AdminUnitKind.Aimag;
            unit.NameMn = a.NameMn;
            unit.NameEn = a.NameEn;
            unit.PCode = a.PCode;
            unit.IsoCode = a.IsoCode;
            unit.Population = population;
            unit.PopulationYear = 2020;
            unit.SearchKey = NameFolding.KeyFor([a.NameMn, a.NameEn, .. a.OtherSpellings]);
        }

        await db.SaveChangesAsync(ct);

        foreach (var s in soums)
        {
            var parent = existing[s.AimagCode];
            var unit = Upsert(existing, s.Code, $"{parent.Path}{s.Code}/");
            unit.Level = AdminUnitLevel.Second;
            unit.Kind = parent.Kind == AdminUnitKind.Capital ? AdminUnitKind.District : AdminUnitKind.Soum;
            unit.ParentId = parent.Id;
            unit.NameMn = s.NameMn;
            unit.NameEn = LatinNames.FromCyrillic(s.NameMn); // the aimags' spelling, not the NSO's (see LatinNames)
            unit.Population = s.Population;
            unit.PopulationYear = 2020;
            unit.SearchKey = NameFolding.KeyFor([s.NameMn, unit.NameEn, s.NameEn]);
        }

        await db.SaveChangesAsync(ct);
    }

    private AdminUnit Upsert(Dictionary<string, AdminUnit> existing, string code, string path)
    {
        if (!existing.TryGetValue(code, out var unit))
        {
            unit = new AdminUnit { Code = code, Path = path, NameMn = "", NameEn = "", SearchKey = "", ValidFrom = SourceValidFrom };
            db.AdminUnits.Add(unit);
            existing[code] = unit;
        }

        unit.Path = path;
        return unit;
    }

    private static List<AimagRow> ReadAimags(string folder)
    {
        // Cyrillic names and P-codes come from the boundary file; the usual English spelling, the
        // ISO code and the other spellings people type from aimags.csv, joined on the NSO code.
        using var boundaries = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mongolia", "admin1-boundaries.geojson")));
        var fromBoundaries = boundaries.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .ToDictionary(p => p.GetProperty("NSO_CODE").GetString()!, p => (
                NameMn: p.GetProperty("ADM1_MN").GetString()!,
                NameEnAlt: p.GetProperty("ADM1_EN").GetString()!,
                PCode: p.GetProperty("ADM1_PCODE").GetString()!));

        return File.ReadAllLines(Path.Combine(folder, "aimags.csv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                var cells = line.Split(',');
                var b = fromBoundaries[cells[0]];
                var spellings = cells[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new AimagRow(cells[0], b.NameMn, cells[2], b.PCode, cells[1], cells[3] == "capital", [b.NameEnAlt, .. spellings]);
            })
            .ToList();
    }

    private static List<SoumRow> ReadSoums(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mongolia", "admin2-population-2020.json")));
        return doc.RootElement.GetProperty("DataList").EnumerateArray()
            .Select(r => new SoumRow(
                r.GetProperty("CODE").GetString()!,
                r.GetProperty("CODE").GetString()![2..5],
                r.GetProperty("SCR_MN").GetString()!.Trim(),
                r.GetProperty("SCR_ENG").GetString()!.Trim(),
                int.Parse(r.GetProperty("DTVAL_CO").GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    private sealed record AimagRow(string Code, string NameMn, string NameEn, string PCode, string IsoCode, bool IsCapital, string[] OtherSpellings);

    private sealed record SoumRow(string Code, string AimagCode, string NameMn, string NameEn, int Population);
}
