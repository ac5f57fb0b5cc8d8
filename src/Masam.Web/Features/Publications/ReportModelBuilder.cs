using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Publications;

/// <summary>
/// Builds a publication's report model from what is stored: the aggregated figures (with the
/// same suppression as the figures API), the response actions and the agreed scorecards; never
/// from raw feedback rows. Free text is screened on the way in.
/// </summary>
public sealed class ReportModelBuilder(MasamDbContext db, PublishedFigures figures, TimeProvider clock)
{
    public async Task<ReportModel> BuildAsync(Publication publication, CancellationToken ct)
    {
        var period = FigurePeriod.Parse(publication.Period) ?? throw new InvalidOperationException($"Publication {publication.Id} has no valid period.");
        var scope = new FigureScope(period, publication.AdminUnitCode);
        var provenance = await figures.ProvenanceAsync(ct);
        var unit = publication.AdminUnitCode is null ? null
            : await db.AdminUnits.AsNoTracking().Where(u => u.Code == publication.AdminUnitCode).Select(u => new { u.NameMn, u.NameEn }).SingleAsync(ct);

        var providers = await scope.Providers(db).AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Code, p.NameMn, p.NameEn, p.RegistrationNumber, Sector = p.Type!.SectorCode,
                UnitCode = p.AdminUnit!.Code, UnitNameMn = p.AdminUnit.NameMn, UnitNameEn = p.AdminUnit.NameEn,
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var units = await db.AdminUnits.AsNoTracking().Select(u => new { u.Code, u.NameMn, u.NameEn }).ToDictionaryAsync(u => u.Code, ct);
        var sectors = await db.Sectors.AsNoTracking().Select(s => new { s.Code, s.NameMn, s.NameEn }).ToDictionaryAsync(s => s.Code, ct);

        var unitLevel = await db.AdminUnits.Where(u => u.Code == publication.AdminUnitCode).Select(u => (AdminUnitLevel?)u.Level).FirstOrDefaultAsync(ct);
        var total = await figures.TotalAsync(scope, ct);
        var byUnit = unitLevel == AdminUnitLevel.Second ? []
            : (await figures.SatisfactionAsync(new SatisfactionQuery(scope, FigureBreakdown.AdminUnit), ct)).Cells;
        var bySector = (await figures.SatisfactionAsync(new SatisfactionQuery(scope, FigureBreakdown.Sector), ct)).Cells;
        var byProvider = (await figures.SatisfactionAsync(new SatisfactionQuery(scope, FigureBreakdown.Provider), ct)).Cells
            .ToDictionary(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture));
        var perProvider = await figures.ResponsivenessByProviderAsync(scope, ct);
        var responsiveness = await figures.ResponsivenessAsync(scope, ct);
        var scorecards = await figures.ScorecardsAsync(scope, ct);

        var periodEnd = period.FirstMonth.AddMonths(period.Months).AddDays(-1);
        var actions = db.ResponseActions.AsNoTracking().Where(a => a.DueOn >= period.FirstMonth && a.DueOn <= periodEnd);
        if (publication.AdminUnitCode is { } code)
        {
            var path = await db.AdminUnits.Where(u => u.Code == code).Select(u => u.Path).SingleAsync(ct);
            actions = actions.Where(a => a.AdminUnit!.Path.StartsWith(path));
        }

        var actionRows = await actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.Title, a.DueOn, a.Status, a.ProgressPercent, a.CostMnt, a.FundingSource, a.CompletedAt,
                ProviderMn = a.ResponsibleProvider!.NameMn, ProviderEn = a.ResponsibleProvider.NameEn,
                UnitMn = a.ResponsibleAdminUnit!.NameMn, UnitEn = a.ResponsibleAdminUnit.NameEn, OwnMn = a.AdminUnit!.NameMn, OwnEn = a.AdminUnit.NameEn,
            })
            .ToListAsync(ct);

        FigureRow Row(SatisfactionCell? cell, string code, string nameMn, string nameEn) => cell is null
            ? new FigureRow(code, nameMn, nameEn, "no-data", null, null, null, null, null, null, null)
            : new FigureRow(code, nameMn, nameEn, WireEnum<CellDisclosure>.Name(cell.Disclosure), cell.N, cell.Mean, cell.Rate, cell.RateLower, cell.RateUpper,
                cell.ChangeFromPrevious, cell.SignificantChange, cell.Weighted?.Rate, cell.Weighted?.Lower, cell.Weighted?.Upper, cell.Weighted?.EffectiveN);

        var header = new ReportHeader(period.Name, period.FirstMonth, periodEnd, publication.AdminUnitCode,
            unit?.NameMn ?? "Монгол Улс", unit?.NameEn ?? "Mongolia", publication.Edition, clock.GetUtcNow().UtcDateTime,
            provenance.Method, provenance.Threshold, provenance.CountedAt, publication.ReplacesId,
            PublicText.Screen(publication.CorrectionReason));
        var feedback = responsiveness.Feedback;
        var done = responsiveness.Actions;
        return new ReportModel(
            header,
            Row(total, publication.AdminUnitCode ?? "MN", header.UnitNameMn, header.UnitNameEn),
            [.. byUnit.Select(c => Row(c, c.Value, units.GetValueOrDefault(c.Value)?.NameMn ?? c.Value, units.GetValueOrDefault(c.Value)?.NameEn ?? c.Value))],
            [.. bySector.Select(c => Row(c, c.Value, sectors.GetValueOrDefault(c.Value)?.NameMn ?? c.Value, sectors.GetValueOrDefault(c.Value)?.NameEn ?? c.Value))],
            [.. providers.Values.Where(p => byProvider.ContainsKey(p.Id) || perProvider.ContainsKey(p.Id))
                .OrderBy(p => p.UnitCode, StringComparer.Ordinal).ThenBy(p => p.NameMn, StringComparer.Ordinal)
                .Select(p =>
                {
                    var answered = perProvider.GetValueOrDefault(p.Id);
                    return new ProviderRow(p.Code, p.NameMn, p.NameEn, p.UnitCode, p.UnitNameMn, p.UnitNameEn, p.Sector, p.RegistrationNumber,
                        Row(byProvider.GetValueOrDefault(p.Id), p.Code, p.NameMn, p.NameEn), answered?.Received ?? 0, answered?.AnsweredOnTime ?? 0,
                        answered?.Due ?? 0, answered?.AnsweredOnTimeRate, answered?.Overdue ?? 0, answered?.MedianDaysToFirstAnswer);
                })],
            new Masam.Reporting.Responsiveness(feedback.Received, feedback.Due, feedback.Answered, feedback.AnsweredOnTime, feedback.AnsweredOnTimeRate,
                feedback.Closed, feedback.Overdue, feedback.MedianDaysToFirstAnswer, feedback.MedianDaysToClose,
                done.Total, done.Due, done.Done, done.DoneOnTime, done.DoneOnTimeRate, done.Overdue),
            [.. scorecards.Cycles.SelectMany(c => c.Indicators.Select(i => new ScorecardRow(c.CycleId, providers.GetValueOrDefault(c.ProviderId)?.Code ?? "",
                c.ProviderNameMn, c.ProviderNameEn, i.NameMn, i.NameEn, i.Groups.Count, i.CommunityScore, i.SelfScore, i.Gap)))],
            [.. scorecards.Cycles.SelectMany(c => c.Indicators.SelectMany(i => i.Groups.Select(g => new ScorecardGroupRow(c.CycleId,
                providers.GetValueOrDefault(c.ProviderId)?.Code ?? "", i.NameMn, i.NameEn, WireEnum<Scorecards.FocusGroupType>.Name(g.GroupType),
                g.Participants, g.Score))))],
            [.. actionRows.Select(a => new ActionRow(a.Id, PublicText.Screen(a.Title)!,
                a.ProviderMn ?? a.UnitMn ?? a.OwnMn, a.ProviderEn ?? a.UnitEn ?? a.OwnEn, a.DueOn, WireEnum<ActionStatus>.Name(a.Status), a.ProgressPercent,
                a.CostMnt, PublicText.Screen(a.FundingSource), a.CompletedAt is { } at ? MongolianTime.DateOf(at) : null))],
            [.. actionRows.GroupBy(a => PublicText.Screen(a.FundingSource) ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new BudgetRow(g.Key, g.Count(a => a.Status != ActionStatus.Dropped),
                    g.Where(a => a.Status != ActionStatus.Dropped).Sum(a => a.CostMnt ?? 0), g.Where(a => a.Status == ActionStatus.Done).Sum(a => a.CostMnt ?? 0)))]);
    }
}
