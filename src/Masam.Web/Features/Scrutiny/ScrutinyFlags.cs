using System.Globalization;
using System.Text.Json;
using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scrutiny;

/// <summary>The flags for analysts, each with its evidence in words (the reader's language) and as numbers, and the provider's hold if any.</summary>
public sealed class ScrutinyFlags(MasamDbContext db, IStringLocalizer text)
{
    public async Task<IReadOnlyList<FlagView>> ListAsync(string period, string? aimag, bool withCleared, CancellationToken ct)
    {
        var flags = db.Set<ScrutinyFlag>().AsNoTracking().Where(f => f.Period == period);
        if (!withCleared) flags = flags.Where(f => f.ClearedAt == null);
        var rows = await flags.Join(db.Providers, f => f.ProviderId, p => p.Id, (f, p) => new
            {
                Flag = f, p.Code, p.NameMn, p.NameEn,
                Aimag = p.AdminUnit!.Level == Geography.AdminUnitLevel.First ? p.AdminUnit.Code : p.AdminUnit.Parent!.Code,
            })
            .Where(r => aimag == null || r.Aimag == aimag).ToListAsync(ct);
        var holds = await db.Set<FigureHold>().AsNoTracking().Where(h => h.Period == period).ToDictionaryAsync(h => h.ProviderId, ct);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => Signals.All.ToList().IndexOf(r.Flag.Signal))
            .Select(r => new FlagView(r.Code, Localization.Cultures.Pick(r.NameMn, r.NameEn), r.Aimag, r.Flag.Period, r.Flag.Signal,
                Describe(r.Flag.Signal, r.Flag.Evidence), JsonSerializer.Deserialize<JsonElement>(r.Flag.Evidence), r.Flag.PValue,
                r.Flag.FirstSeenAt, r.Flag.LastSeenAt, r.Flag.ClearedAt,
                holds.TryGetValue(r.Flag.ProviderId, out var hold) ? WireEnum<HoldState>.Name(hold.State) : null))];
    }

    /// <summary>The flag's evidence in words: <c>flag.{signal}</c> with its numbers, shares as per cent, times in Mongolia.</summary>
    public string Describe(string signal, string evidence)
    {
        using var json = JsonDocument.Parse(evidence);
        var args = json.RootElement.EnumerateObject().Select(p => Format(p.Name, p.Value)).ToArray();
        return text[$"flag.{signal}", args];
    }

    private string Format(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            return name == "channel" ? text[$"channel.{s}"]
                : value.TryGetDateTime(out var at) ? MongolianTime.ToLocal(at.ToUniversalTime()).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : s;
        }

        var number = value.GetDouble();
        return IsShare(name) ? (number * 100).ToString("0.#", CultureInfo.CurrentCulture) + " %" : number.ToString("0.###", CultureInfo.CurrentCulture);
    }

    private static bool IsShare(string name) =>
        name is "share" or "expected" or "everywhere" or "rate" or "falseDiscoveryRate" or "falseAlarmRate" || name.EndsWith("Rate", StringComparison.Ordinal)
        || name.EndsWith("Lower", StringComparison.Ordinal) || name.EndsWith("Upper", StringComparison.Ordinal);
}

/// <param name="Evidence">The numbers behind <paramref name="Description"/>, by name.</param>
/// <param name="PValue">The chance of what was seen under the signal's stated test, before the correction over providers; null where the signal is a count.</param>
/// <param name="Hold">The provider's hold for the period: <c>held</c>, <c>released</c>, <c>confirmed</c>, or null.</param>
public sealed record FlagView(
    string Provider, string ProviderName, string Aimag, string Period, string Signal, string Description, JsonElement Evidence, double? PValue,
    DateTime FirstSeenAt, DateTime LastSeenAt, DateTime? ClearedAt, string? Hold);
