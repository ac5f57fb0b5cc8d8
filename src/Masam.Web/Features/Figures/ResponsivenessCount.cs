using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Figures;

/// <summary>
/// How bodies answered the valid feedback one provider received in one month, as of the run that
/// counted it: how much was due (answered, or past its deadline), answered, answered within the
/// deadline, closed, and still open past the deadline. Sums of these rows give every unit and period.
/// </summary>
public sealed class ResponsivenessCount
{
    public int ProviderId { get; set; }
    public DateOnly Month { get; set; }
    public int Received { get; set; }

    /// <summary>Answered, or unanswered with the deadline passed: the base of the on-time share.</summary>
    public int Due { get; set; }

    public int Answered { get; set; }
    public int AnsweredOnTime { get; set; }
    public int Closed { get; set; }

    /// <summary>Still open with the deadline passed.</summary>
    public int Overdue { get; set; }

    /// <summary>Calendar days from receipt to the first answer, as a <see cref="DayHistogram"/>.</summary>
    public string? DaysToAnswer { get; set; }

    /// <summary>Calendar days from receipt to closing, of the closed items, as a <see cref="DayHistogram"/>.</summary>
    public string? DaysToClose { get; set; }
}

/// <summary>
/// How many items took each number of days (to the first answer, or to closing): a histogram kept
/// as text, <c>"3:12 10:4 40:1"</c>, so that medians can be taken exactly over any unit and period
/// by adding histograms, without a row per day.
/// </summary>
public static class DayHistogram
{
    public static string? Format(IReadOnlyDictionary<int, int> counts) => !counts.Values.Any(c => c > 0) ? null
        : string.Join(' ', counts.Where(c => c.Value > 0).OrderBy(c => c.Key)
            .Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Key}:{c.Value}")));

    /// <summary>The median of the values of several histograms taken together (null when they are empty).</summary>
    public static double? Median(IEnumerable<string?> histograms)
    {
        var together = new Dictionary<int, int>();
        foreach (var text in histograms) AddTo(together, text);
        return Median([.. together.Select(d => (d.Key, d.Value))]);
    }

    /// <summary>The median of values given as a histogram (value, how many times): the middle value, or the mean of the middle two.</summary>
    public static double? Median(IReadOnlyList<(int Value, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Value).ToList();
        long n = sorted.Sum(h => (long)h.Count);
        if (n == 0) return null;

        int ValueAt(long rank) // rank counted from 1
        {
            long seen = 0;
            foreach (var (value, count) in sorted)
            {
                seen += count;
                if (seen >= rank) return value;
            }

            return sorted[^1].Value;
        }

        return n % 2 == 1 ? ValueAt((n + 1) / 2) : (ValueAt(n / 2) + ValueAt(n / 2 + 1)) / 2.0;
    }

    /// <summary>Adds the histogram written in <paramref name="text"/> to <paramref name="into"/>.</summary>
    public static void AddTo(Dictionary<int, int> into, string? text)
    {
        foreach (var pair in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            var days = int.Parse(pair.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            into[days] = into.GetValueOrDefault(days) + int.Parse(pair.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>Response actions falling due in one month, per admin unit and responsible provider (none: the unit's office).</summary>
public sealed class ActionCount
{
    public int Id { get; set; }
    public int AdminUnitId { get; set; }
    public int? ProviderId { get; set; }
    public DateOnly Month { get; set; }

    /// <summary>Actions not dropped.</summary>
    public int Total { get; set; }

    /// <summary>Done, or not done with the due date passed: the base of the on-time share.</summary>
    public int Due { get; set; }

    public int Done { get; set; }
    public int DoneOnTime { get; set; }
    public int Overdue { get; set; }
    public int Dropped { get; set; }
    public decimal CostMnt { get; set; }
}

internal sealed class ResponsivenessConfiguration :
    IEntityTypeConfiguration<ResponsivenessCount>, IEntityTypeConfiguration<ActionCount>
{
    public void Configure(EntityTypeBuilder<ResponsivenessCount> builder) => builder.HasKey(c => new { c.ProviderId, c.Month });

    public void Configure(EntityTypeBuilder<ActionCount> builder)
    {
        builder.HasIndex(c => new { c.Month, c.AdminUnitId });
        builder.Property(c => c.CostMnt).HasPrecision(18, 2);
    }
}
