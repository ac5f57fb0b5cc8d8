using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Feedback;

/// <summary>A public holiday: a day no answer deadline ends on (nor, counting working days, counts).</summary>
public sealed class Holiday
{
    public DateOnly Date { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }

    /// <summary><c>fixed</c> (the same date every year) or <c>lunar</c> (set each year).</summary>
    public required string Kind { get; set; }

    /// <summary>False when Admin took it off the list (a seeded date the government moved): the seed does not bring it back.</summary>
    public bool IsObserved { get; set; } = true;
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("Holidays");
        builder.HasKey(h => h.Date);
        builder.Property(h => h.NameMn).HasMaxLength(200);
        builder.Property(h => h.NameEn).HasMaxLength(200);
        builder.Property(h => h.Kind).HasMaxLength(8);
    }
}

/// <summary>Loads <c>seed-data/holidays.tsv</c> at every start, adding only the dates not yet known (an Admin's edits stay).</summary>
public sealed class HolidaySeeder(MasamDbContext db, HolidayCalendar calendar) : IDataSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var known = (await db.Holidays.Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var line in (await File.ReadAllLinesAsync(SeedData.File("holidays.tsv"), ct)).Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var date = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (known.Add(date))
            {
                db.Holidays.Add(new Holiday { Date = date, NameMn = cells[1], NameEn = cells[2], Kind = cells[3] });
                added++;
            }
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            calendar.Invalidate();
        }
    }
}

/// <summary>
/// The deadline calendar as it stands: the observed holidays and the counting rule, held in memory
/// and reloaded when Admin changes a holiday (or after five minutes, for other nodes).
/// </summary>
public sealed class HolidayCalendar(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private volatile Snapshot? _snapshot;

    public async ValueTask<DeadlineCalendar> CurrentAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot.Calendar;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var days = await db.Holidays.AsNoTracking().Where(h => h.IsObserved).Select(h => h.Date).ToListAsync(ct);
        snapshot = new Snapshot(new DeadlineCalendar(days.ToHashSet(), options.Value.DeadlineDays), clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot.Calendar;
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(DeadlineCalendar Calendar, DateTimeOffset LoadedAt);
}

/// <summary>A holiday as Admin sets it.</summary>
public sealed record HolidayRequest
{
    public string? NameMn { get; init; }
    public string? NameEn { get; init; }

    /// <summary><c>fixed</c> or <c>lunar</c>; <c>lunar</c> when left out.</summary>
    public string? Kind { get; init; }

    /// <summary>False takes the day off the list; true (or left out) puts it on.</summary>
    public bool? Observed { get; init; }
}

public sealed record HolidayView(DateOnly Date, string NameMn, string NameEn, string Kind, bool Observed);

/// <summary>A year's holidays, and the years whose lunar holidays nobody has entered yet.</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<HolidayView> Holidays, bool LunarMissing);

/// <summary>Admin's list of holidays: every change audited, the deadline calendar reloaded at once.</summary>
public sealed class HolidayAdministration(MasamDbContext db, AuditTrail audit, HolidayCalendar calendar, IStringLocalizer text)
{
    public async Task<HolidayYear> YearAsync(int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var days = await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date)
            .Select(h => new HolidayView(h.Date, h.NameMn, h.NameEn, h.Kind, h.IsObserved)).ToListAsync(ct);
        return new HolidayYear(year, days, !days.Any(h => h.Kind == "lunar" && h.Observed));
    }

    public async Task<(HolidayView? Holiday, FieldErrors Errors)> SetAsync(DateOnly date, HolidayRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var nameMn = UserText.Clean(request.NameMn);
        var nameEn = UserText.Clean(request.NameEn);
        if (nameMn is null || nameMn.Length > 200) errors.Add("nameMn", text["error.holiday.name"]);
        if (nameEn is null || nameEn.Length > 200) errors.Add("nameEn", text["error.holiday.name"]);
        var kind = request.Kind?.Trim() ?? "lunar";
        if (kind is not ("fixed" or "lunar")) errors.Add("kind", text["error.enum.unknown", kind, "fixed, lunar"]);
        if (date.Year is < 2000 or > 2100) errors.Add("date", text["error.holiday.date"]);
        if (errors.Any)
        {
            return (null, errors);
        }

        var holiday = await db.Holidays.FirstOrDefaultAsync(h => h.Date == date, ct);
        var before = holiday is null ? null : View(holiday);
        if (holiday is null)
        {
            db.Holidays.Add(holiday = new Holiday { Date = date, NameMn = nameMn!, NameEn = nameEn!, Kind = kind });
        }

        (holiday.NameMn, holiday.NameEn, holiday.Kind, holiday.IsObserved) = (nameMn!, nameEn!, kind, request.Observed ?? true);
        var after = View(holiday);
        audit.Record("holiday.set", nameof(Holiday), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), before, after);
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return (after, errors);
    }

    private static HolidayView View(Holiday h) => new(h.Date, h.NameMn, h.NameEn, h.Kind, h.IsObserved);
}
