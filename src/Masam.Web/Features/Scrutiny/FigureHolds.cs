using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Figures;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scrutiny;

/// <summary>
/// An analyst's holds on providers' figures (<see cref="FigureHold"/>): placed with a reason,
/// released or confirmed with one, each step audited; a change to a quarter that has been
/// published publishes its year again at once, so the figure says "held for review" (or "withheld
/// after review"), or comes back.
/// </summary>
public sealed class FigureHolds(MasamDbContext db, AuditTrail audit, CurrentStaff staff, FeedbackAggregation aggregation, TimeProvider clock, IStringLocalizer text)
{
    public const int MaxReason = 1000;

    public async Task<IReadOnlyList<HoldView>> ListAsync(string? period, CancellationToken ct)
    {
        var holds = db.Set<FigureHold>().AsNoTracking();
        if (period is not null) holds = holds.Where(h => h.Period == period);
        var rows = await holds.OrderByDescending(h => h.HeldAt).Take(500)
            .Join(db.Providers, h => h.ProviderId, p => p.Id, (h, p) => new { Hold = h, p.Code, p.NameMn, p.NameEn }).ToListAsync(ct);
        return [.. rows.Select(r => new HoldView(r.Hold.Id, r.Code, Localization.Cultures.Pick(r.NameMn, r.NameEn), r.Hold.Period,
            WireEnum<HoldState>.Name(r.Hold.State), r.Hold.Reason, r.Hold.HeldAt, r.Hold.Decision, r.Hold.DecidedAt))];
    }

    /// <summary>Holds a provider's figure for a quarter (again, if an earlier hold was released).</summary>
    public async Task<(HoldView? Hold, FieldErrors Errors)> HoldAsync(HoldRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var period = FigurePeriod.Parse(request.Period);
        if (period is not { Months: 3 }) errors.Add("period", text["error.hold.period", request.Period ?? ""]);
        var reason = request.Reason?.Trim() ?? "";
        CheckReason(reason, "reason", errors);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Code == request.Provider).Select(p => new { p.Id, p.Code }).FirstOrDefaultAsync(ct);
        if (provider is null) errors.Add("provider", text["error.hold.provider", request.Provider ?? ""]);
        if (errors.Any) return (null, errors);

        var hold = await db.Set<FigureHold>().FirstOrDefaultAsync(h => h.ProviderId == provider!.Id && h.Period == period!.Name, ct);
        if (hold is { State: not HoldState.Released })
        {
            errors.Add("provider", text["error.hold.already", provider!.Code, period!.Name]);
            return (null, errors);
        }

        var before = hold is null ? null : Snapshot(hold);
        if (hold is null) db.Add(hold = new FigureHold { ProviderId = provider!.Id, Period = period!.Name, Reason = "", HeldBy = "" });
        (hold.State, hold.Reason, hold.HeldBy, hold.HeldAt, hold.Decision, hold.DecidedBy, hold.DecidedAt) =
            (HoldState.Held, reason, staff.UserId ?? "", clock.GetUtcNow().UtcDateTime, null, null, null);
        await SaveAsync(hold, "figures.hold", before, ct);
        return ((await ListAsync(hold.Period, ct)).First(h => h.Id == hold.Id), errors);
    }

    /// <summary>Releases a hold (the figure is published) or confirms it (it stays withheld), with the reason; a decided hold is not decided again.</summary>
    public async Task<(HoldView? Hold, FieldErrors Errors)> DecideAsync(int id, bool confirm, string? decision, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var hold = await db.Set<FigureHold>().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hold is null) return (null, errors);
        decision = decision?.Trim() ?? "";
        CheckReason(decision, "decision", errors);
        if (hold.State != HoldState.Held) errors.Add("decision", text["error.hold.decided", WireEnum<HoldState>.Name(hold.State)]);
        if (errors.Any) return (null, errors);

        var before = Snapshot(hold);
        (hold.State, hold.Decision, hold.DecidedBy, hold.DecidedAt) =
            (confirm ? HoldState.Confirmed : HoldState.Released, decision, staff.UserId, clock.GetUtcNow().UtcDateTime);
        await SaveAsync(hold, confirm ? "figures.hold-confirmed" : "figures.hold-released", before, ct);
        return ((await ListAsync(hold.Period, ct)).First(h => h.Id == hold.Id), errors);
    }

    private void CheckReason(string reason, string field, FieldErrors errors)
    {
        if (reason.Length == 0) errors.Add(field, text["error.hold.reason"]);
        else if (reason.Length > MaxReason) errors.Add(field, text["error.hold.tooLong", MaxReason]);
    }

    private static object Snapshot(FigureHold hold) => new { state = WireEnum<HoldState>.Name(hold.State), hold.Reason, hold.Decision };

    /// <summary>Saves and audits the change, then publishes the year again if the quarter has already been published.</summary>
    private async Task SaveAsync(FigureHold hold, string action, object? before, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        audit.Record(action, "FigureHold", hold.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before,
            new { providerId = hold.ProviderId, hold.Period, state = WireEnum<HoldState>.Name(hold.State), hold.Reason, hold.Decision });
        await db.SaveChangesAsync(ct);
        var quarter = FigurePeriod.Parse(hold.Period)!;
        if (quarter.HasEndedBy(clock.GetUtcNow().UtcDateTime))
        {
            await aggregation.RepublishAsync(quarter.FirstMonth.Year, ct);
        }
    }
}

/// <summary>The holds as the publisher reads them (apart from <see cref="FigureHolds"/>, which publishes through the aggregation).</summary>
public sealed class HeldFigures(MasamDbContext db) : Figures.Protection.IHeldFigures
{
    public async Task<IReadOnlyDictionary<(int ProviderId, string Period), bool>> OfYearAsync(int year, CancellationToken ct)
    {
        var prefix = year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-";
        return await db.Set<FigureHold>().AsNoTracking().Where(h => h.State != HoldState.Released && h.Period.StartsWith(prefix))
            .ToDictionaryAsync(h => (h.ProviderId, h.Period), h => h.State == HoldState.Confirmed, ct);
    }
}

/// <summary>A hold on a provider's figure for a quarter: provider code, <c>2026-Q3</c>, and why.</summary>
public sealed class HoldRequest
{
    public string? Provider { get; set; }
    public string? Period { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Why a hold is released or confirmed.</summary>
public sealed class HoldDecision
{
    public string? Decision { get; set; }
}

/// <param name="State"><c>held</c>, <c>released</c> or <c>confirmed</c>.</param>
public sealed record HoldView(int Id, string Provider, string ProviderName, string Period, string State, string Reason, DateTime HeldAt, string? Decision, DateTime? DecidedAt);
