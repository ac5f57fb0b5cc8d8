namespace Masam.Reporting;

/// <summary>The kinds of cell a table holds; each writer formats them its own way.</summary>
public enum CellKind
{
    Text,
    Integer,
    Decimal,
    Percent,
    Money,
    Date,
}

/// <summary>One cell: a kind and a value (null is an empty cell, never a zero).</summary>
public readonly record struct Cell(CellKind Kind, object? Value)
{
    public static Cell Text(string? value) => new(CellKind.Text, value);

    public static Cell Integer(long? value) => new(CellKind.Integer, value);

    public static Cell Decimal(double? value) => new(CellKind.Decimal, value);

    public static Cell Decimal(decimal? value) => new(CellKind.Decimal, value is null ? null : (double)value.Value);

    public static Cell Percent(double? value) => new(CellKind.Percent, value);

    public static Cell Money(decimal? value) => new(CellKind.Money, value);

    public static Cell Date(DateOnly? value) => new(CellKind.Date, value);
}

/// <param name="Key">The column's stable name: the CSV header and the JSON property.</param>
/// <param name="Width">Width in characters, for the workbook and the PDF.</param>
public sealed record ReportColumn(string Key, string Header, CellKind Kind, double Width);

/// <param name="Name">The table's stable name: the CSV file name and the JSON property.</param>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<Cell[]> Rows);

/// <summary>The tables of a report, laid out once for every format.</summary>
public static class ReportTables
{
    public static IReadOnlyList<ReportTable> For(ReportModel model, ReportText text)
    {
        var threshold = model.Header.SuppressionThreshold;
        ReportColumn Column(string key, string header, CellKind kind, double width) => new(key, text[header], kind, width);

        ReportColumn[] figureColumns =
        [
            Column("n", "col.n", CellKind.Integer, 12), Column("mean", "col.mean", CellKind.Decimal, 12),
            Column("rate", "col.rate", CellKind.Percent, 14), Column("rate_lower", "col.lower", CellKind.Percent, 14),
            Column("rate_upper", "col.upper", CellKind.Percent, 14), Column("change", "col.change", CellKind.Percent, 14),
            Column("significant", "col.significant", CellKind.Text, 12), Column("note", "col.note", CellKind.Text, 24),
        ];
        Cell[] Figures(FigureRow row) =>
        [
            Cell.Integer(row.N), Cell.Decimal(row.Mean), Cell.Percent(row.Rate), Cell.Percent(row.RateLower), Cell.Percent(row.RateUpper),
            Cell.Percent(row.ChangeFromPrevious), Cell.Text(row.SignificantChange is { } s ? text[s ? "yes" : "no"] : null), Cell.Text(text.Disclosure(row, threshold)),
        ];
        ReportTable FigureTable(string name, string title, IReadOnlyList<FigureRow> rows) => new(name, text[title],
            [Column("code", "col.code", CellKind.Text, 12), Column("name", "col.name", CellKind.Text, 30), .. figureColumns],
            [.. rows.Select(r => (Cell[])[Cell.Text(r.Code), Cell.Text(text.Name(r.NameMn, r.NameEn)), .. Figures(r)])]);
        // Areas are weighted to their population; sectors and providers are not (their users are no population with a known count).
        ReportTable AreaTable(string name, string title, IReadOnlyList<FigureRow> rows)
        {
            var table = FigureTable(name, title, rows);
            return table with
            {
                Columns = [.. table.Columns, Column("weighted_rate", "col.weighted", CellKind.Percent, 14), Column("weighted_lower", "col.weightedLower", CellKind.Percent, 14),
                    Column("weighted_upper", "col.weightedUpper", CellKind.Percent, 14), Column("effective_n", "col.effectiveN", CellKind.Decimal, 12)],
                Rows = [.. table.Rows.Zip(rows, (cells, r) => (Cell[])[.. cells, Cell.Percent(r.WeightedRate), Cell.Percent(r.WeightedLower),
                    Cell.Percent(r.WeightedUpper), Cell.Decimal(r.EffectiveN)])],
            };
        }

        var responsiveness = model.Responsiveness;
        var total = model.Total;
        return
        [
            new("summary", text["key.title"], [Column("figure", "col.figure", CellKind.Text, 50), Column("value", "col.value", CellKind.Decimal, 16)],
            [
                [Cell.Text(text["key.responses"]), Cell.Integer(total.N)],
                [Cell.Text(text["key.rate"]), Cell.Percent(total.Rate)],
                [Cell.Text(text["key.weightedRate"]), Cell.Percent(total.WeightedRate)],
                [Cell.Text(text["key.effectiveN"]), Cell.Decimal(total.EffectiveN)],
                [Cell.Text(text["key.mean"]), Cell.Decimal(total.Mean)],
                [Cell.Text(text["key.answeredOnTime"]), Cell.Percent(responsiveness.AnsweredOnTimeRate)],
                [Cell.Text(text["key.medianAnswer"]), Cell.Decimal(responsiveness.MedianDaysToFirstAnswer)],
                [Cell.Text(text["key.medianClose"]), Cell.Decimal(responsiveness.MedianDaysToClose)],
                [Cell.Text(text["key.overdue"]), Cell.Integer(responsiveness.Overdue)],
                [Cell.Text(text["key.actionsOnTime"]), Cell.Percent(responsiveness.ActionsDoneOnTimeRate)],
                [Cell.Text(text["key.actionsOverdue"]), Cell.Integer(responsiveness.ActionsOverdue)],
            ]),
            AreaTable("units", "sheet.units", model.Units),
            FigureTable("sectors", "sheet.sectors", model.Sectors),
            new("providers", text["section.providers"],
            [
                Column("code", "col.code", CellKind.Text, 14), Column("name", "col.name", CellKind.Text, 34), Column("unit", "col.unit", CellKind.Text, 18),
                Column("sector", "col.sector", CellKind.Text, 12), Column("registration", "col.registration", CellKind.Text, 14), .. figureColumns,
                Column("received", "col.received", CellKind.Integer, 12), Column("due", "col.due", CellKind.Integer, 12),
                Column("answered_on_time", "col.answeredOnTime", CellKind.Integer, 12), Column("answered_on_time_rate", "col.answeredOnTimeRate", CellKind.Percent, 14),
                Column("overdue", "col.overdue", CellKind.Integer, 12), Column("median_days_to_answer", "col.medianDays", CellKind.Decimal, 14),
            ],
            [.. model.Providers.Select(p => (Cell[])
            [
                Cell.Text(p.Code), Cell.Text(text.Name(p.NameMn, p.NameEn)), Cell.Text(text.Name(p.UnitNameMn, p.UnitNameEn)), Cell.Text(p.SectorCode),
                Cell.Text(p.RegistrationNumber), .. Figures(p.Satisfaction), Cell.Integer(p.Received), Cell.Integer(p.Due), Cell.Integer(p.AnsweredOnTime),
                Cell.Percent(p.AnsweredOnTimeRate), Cell.Integer(p.Overdue), Cell.Decimal(p.MedianDaysToFirstAnswer),
            ])]),
            new("scorecards", text["section.scorecards"],
            [
                Column("cycle", "col.cycle", CellKind.Integer, 8), Column("provider_code", "col.code", CellKind.Text, 14), Column("provider", "col.provider", CellKind.Text, 30),
                Column("indicator", "col.indicator", CellKind.Text, 36), Column("groups", "col.groups", CellKind.Integer, 8),
                Column("community_score", "col.community", CellKind.Decimal, 12), Column("self_score", "col.self", CellKind.Integer, 12), Column("gap", "col.gap", CellKind.Decimal, 10),
            ],
            [.. model.Scorecards.Select(s => (Cell[])
            [
                Cell.Integer(s.CycleId), Cell.Text(s.ProviderCode), Cell.Text(text.Name(s.ProviderNameMn, s.ProviderNameEn)),
                Cell.Text(text.Name(s.IndicatorMn, s.IndicatorEn)), Cell.Integer(s.Groups), Cell.Decimal(s.CommunityScore), Cell.Integer(s.SelfScore), Cell.Decimal(s.Gap),
            ])]),
            new("scorecard_groups", text["sheet.groups"],
            [
                Column("cycle", "col.cycle", CellKind.Integer, 8), Column("provider_code", "col.code", CellKind.Text, 14), Column("indicator", "col.indicator", CellKind.Text, 36),
                Column("group", "col.group", CellKind.Text, 20), Column("participants", "col.participants", CellKind.Integer, 12), Column("score", "col.score", CellKind.Integer, 8),
            ],
            [.. model.ScorecardGroups.Select(g => (Cell[])
            [
                Cell.Integer(g.CycleId), Cell.Text(g.ProviderCode), Cell.Text(text.Name(g.IndicatorMn, g.IndicatorEn)), Cell.Text(g.Group),
                Cell.Integer(g.Participants), Cell.Integer(g.Score),
            ])]),
            new("actions", text["section.actions"],
            [
                Column("id", "col.code", CellKind.Integer, 8), Column("action", "col.action", CellKind.Text, 44), Column("responsible", "col.responsible", CellKind.Text, 26),
                Column("due_on", "col.dueOn", CellKind.Date, 12), Column("status", "col.status", CellKind.Text, 16), Column("progress", "col.progress", CellKind.Integer, 10),
                Column("cost_mnt", "col.cost", CellKind.Money, 16), Column("funding_source", "col.funding", CellKind.Text, 24), Column("completed_on", "col.completed", CellKind.Date, 12),
            ],
            [.. model.Actions.Select(a => (Cell[])
            [
                Cell.Integer(a.Id), Cell.Text(a.Title), Cell.Text(text.Name(a.ResponsibleMn, a.ResponsibleEn)), Cell.Date(a.DueOn), Cell.Text(text.Status(a.Status)),
                Cell.Integer(a.ProgressPercent), Cell.Money(a.CostMnt), Cell.Text(a.FundingSource), Cell.Date(a.CompletedOn),
            ])]),
            new("budget", text["section.budget"],
            [
                Column("funding_source", "col.funding", CellKind.Text, 30), Column("actions", "col.actions", CellKind.Integer, 12),
                Column("committed_mnt", "col.committed", CellKind.Money, 18), Column("spent_mnt", "col.spent", CellKind.Money, 18),
            ],
            [.. model.Budget.Select(b => (Cell[]) [Cell.Text(b.FundingSource), Cell.Integer(b.Actions), Cell.Money(b.CommittedMnt), Cell.Money(b.SpentMnt)])]),
        ];
    }

    /// <summary>The method notes, as paragraphs.</summary>
    public static IReadOnlyList<string> MethodNotes(ReportModel model, ReportText text) =>
    [
        text["method.rate"],
        text["method.voices"],
        text["method.holds"],
        text.Format("method.suppression", model.Header.SuppressionThreshold),
        text["method.weighting"],
        text["method.deadline"],
        text["method.scorecards"],
        text.Format("method.source", model.Header.FiguresCountedAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            model.Header.MethodVersion),
    ];
}
