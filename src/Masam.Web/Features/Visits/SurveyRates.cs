using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Visits;

/// <summary>
/// The survey's response rates per provider, service line and month (Mongolian time), within a
/// staff member's scope: visits reported, asked, answered. What an analyst reads before trusting a
/// verified figure, and what shows a centre whose visitors never answer.
/// </summary>
public sealed class SurveyRates(MasamDbContext db, CurrentStaff staff)
{
    public async Task<IReadOnlyList<SurveyRateRow>> ForMonthAsync(DateOnly month, CancellationToken ct)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var (from, to) = (MongolianTime.ToUtc(first.ToDateTime(TimeOnly.MinValue)), MongolianTime.ToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue)));
        var providers = db.Providers.Where(staff.Scope.Filter<Providers.Provider>(p => p.Id, p => p.AdminUnit!.Path)).Select(p => p.Id);
        var rows = await db.Set<ServiceVisit>()
            .Where(v => v.VisitedAt >= from && v.VisitedAt < to && providers.Contains(v.ProviderId))
            .GroupBy(v => new { v.ProviderId, v.ServiceLineCode })
            .Select(g => new
            {
                g.Key.ProviderId, g.Key.ServiceLineCode, Visits = g.Count(), DoNotContact = g.Count(v => v.DoNotContact),
                Asked = g.Count(v => v.Survey == SurveyState.Asked || v.Survey == SurveyState.Answered || v.Survey == SurveyState.Unanswered),
                Answered = g.Count(v => v.Survey == SurveyState.Answered),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.ProviderId).Distinct().ToList();
        var names = await db.Providers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Code, p.NameMn, p.NameEn }, ct);
        return [.. rows
            .Select(r => new SurveyRateRow(names[r.ProviderId].Code, Localization.Cultures.Pick(names[r.ProviderId].NameMn, names[r.ProviderId].NameEn),
                r.ServiceLineCode, r.Visits, r.DoNotContact, r.Asked, r.Answered, r.Asked == 0 ? null : Math.Round((double)r.Answered / r.Asked, 3)))
            .OrderBy(r => r.ProviderName, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ThenBy(r => r.ServiceLine)];
    }

    /// <summary><c>2026-12</c> as the month's first day; null for anything else.</summary>
    public static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;
}

/// <param name="ResponseRate">Answered of asked (0 to 1); null before anyone was asked.</param>
public sealed record SurveyRateRow(
    string Provider, string ProviderName, string? ServiceLine, int Visits, int DoNotContact, int Asked, int Answered, double? ResponseRate);
