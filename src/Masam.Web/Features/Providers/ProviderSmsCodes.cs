using System.Globalization;
using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Sms;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Gives every provider without one a short SMS code: up to three letters of its soum's or
/// district's Latin name and the next free number for them (<c>ULI01</c>, <c>ULI02</c> for
/// Uliastai). Codes are never reused for another provider, and an administrator may set one by hand.
/// Runs at every start after the reference and demo data, so providers added by any path get one.
/// </summary>
public sealed class ProviderSmsCodes(MasamDbContext db, ProviderDirectory directory, ILogger<ProviderSmsCodes> logger) : IDataSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var missing = await db.Providers.Where(p => p.SmsCode == null).OrderBy(p => p.Id)
            .Select(p => new { p.Id, UnitName = p.AdminUnit!.NameEn }).ToListAsync(ct);
        if (missing.Count == 0)
        {
            return;
        }

        var taken = (await db.Providers.Where(p => p.SmsCode != null).Select(p => p.SmsCode!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var codes = missing.Select(p => (p.Id, Code: Next(PrefixFor(p.UnitName), taken))).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (id, code) in codes)
        {
            await db.Providers.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.SmsCode, code), ct);
        }

        await transaction.CommitAsync(ct);
        directory.Invalidate();
        logger.LogInformation("Gave {Count} providers an SMS code", codes.Count);
    }

    /// <summary>The next free code with this prefix, added to <paramref name="taken"/>.</summary>
    public static string Next(string prefix, ISet<string> taken)
    {
        for (var n = 1; n < 10_000; n++)
        {
            var code = prefix + n.ToString(n < 100 ? "00" : "0", CultureInfo.InvariantCulture);
            if (taken.Add(code))
            {
                return code;
            }
        }

        throw new InvalidOperationException($"Every SMS code beginning {prefix} is taken.");
    }

    /// <summary>Up to three Latin letters of a place's name, in capitals (<c>Uliastai</c>: ULI); MN when it has fewer than two.</summary>
    public static string PrefixFor(string? latinName)
    {
        var letters = new StringBuilder(3);
        foreach (var c in (latinName ?? "").Normalize(NormalizationForm.FormD).ToUpperInvariant())
        {
            if (c is >= 'A' and <= 'Z')
            {
                letters.Append(c);
                if (letters.Length == 3) break;
            }
        }

        return letters.Length >= 2 ? letters.ToString() : "MN";
    }

    /// <summary>A code as typed by an administrator, in capitals; null when it is not a valid SMS code.</summary>
    public static string? Normalize(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        return upper is not null && SmsGrammar.ProviderCode().IsMatch(upper) ? upper : null;
    }
}
