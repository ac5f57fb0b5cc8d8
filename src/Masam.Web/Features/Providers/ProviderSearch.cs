using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Providers;

/// <summary>The filters the public provider list and the administration's search share.</summary>
public static class ProviderSearch
{
    /// <summary>Providers of the unit with this NSO code and of its soums and districts; null when there is no such unit.</summary>
    public static async Task<IQueryable<Provider>?> InUnitAsync(MasamDbContext db, IQueryable<Provider> providers, string adminUnit, CancellationToken ct)
    {
        var path = await db.AdminUnits.Where(u => u.Code == adminUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? null : providers.Where(p => p.AdminUnit!.Path.StartsWith(path));
    }

    /// <summary>Providers whose search key (names, and the code where it was given) holds every word of <paramref name="q"/>, in Cyrillic or Latin.</summary>
    public static IQueryable<Provider> Matching(IQueryable<Provider> providers, string? q)
    {
        foreach (var word in NameFolding.FoldWords(q))
        {
            providers = providers.Where(p => p.SearchKey.Contains(word));
        }

        return providers;
    }
}
