using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Figures;

public sealed partial class FeedbackAggregation
{
    /// <summary>A dimension with a fixed set of values: each slot's name, and how the scan finds an item's slot (none for <c>all</c>).</summary>
    private sealed record FixedDimension(string Name, string[] Values, FeedbackScan.Part? Part);

    /// <summary>The dimension the counts of each age band are stored under (<see cref="FeedbackCount.Dimension"/>), which weighting reads.</summary>
    public const string AgeBandDimension = "age-band";

    private static string[] Names<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(WireEnum<T>.Name), NotGiven];

    private static readonly string[] YesNo = ["yes", "no", NotGiven];

    /// <summary>The dimensions with fixed values, in the order of their slots; the service line is counted by its code beside them.</summary>
    private static readonly FixedDimension[] FixedDimensions =
    [
        new("all", [""], null),
        new("gender", Names<Gender>(), FeedbackScan.EnumPart<Gender>(f => f.Gender)),
        new(AgeBandDimension, Names<AgeBand>(), FeedbackScan.EnumPart<AgeBand>(f => f.AgeBand)),
        new("disability", YesNo, FeedbackScan.YesNoPart(f => f.HasDisability)),
        new("herder-household", YesNo, FeedbackScan.YesNoPart(f => f.HerderHousehold)),
        new("channel", [.. Enum.GetValues<FeedbackChannel>().Select(WireEnum<FeedbackChannel>.Name)], FeedbackScan.RequiredEnumPart<FeedbackChannel>(f => f.Channel)),
    ];

    /// <summary>The parts of the scan's packed integer: every fixed dimension after <c>all</c>, in order.</summary>
    private static readonly FeedbackScan.Part[] Parts = [.. FixedDimensions.Skip(1).Select(d => d.Part!)];

    private static readonly int[] Offsets = [.. FixedDimensions.Select((_, i) => FixedDimensions.Take(i).Sum(d => d.Values.Length * 5))];

    /// <summary>Where each (dimension, value) of the fixed dimensions starts in a tally's scores.</summary>
    private static readonly Dictionary<(string Dimension, string Value), int> SlotOffsets = FixedDimensions
        .SelectMany((d, i) => d.Values.Select((v, slot) => (Key: (d.Name, v), At: Offsets[i] + slot * 5))).ToDictionary(x => x.Key, x => x.At);

    /// <summary>The dimensions figures are broken down by (each value's rows sum to the <c>all</c> row).</summary>
    public static readonly IReadOnlyList<string> DimensionNames = [.. FixedDimensions.Select(d => d.Name), "service-line"];

    /// <summary>The running counts of one (provider, month) cell.</summary>
    private sealed class Tally
    {
        private readonly int[] _scores = new int[Offsets[^1] + FixedDimensions[^1].Values.Length * 5];
        private readonly Dictionary<string, int[]> _serviceLines = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _daysToAnswer = [];
        private readonly Dictionary<int, int> _daysToClose = [];
        private int _received, _due, _answered, _answeredOnTime, _closed, _overdue;

        /// <param name="score">0-4.</param>
        /// <param name="slots">The item's slot in each fixed dimension, <c>all</c> (always 0) first.</param>
        public void Add(int score, int[] slots, string serviceLine, int flags, int? daysToAnswer, int? daysToClose)
        {
            for (var d = 0; d < slots.Length; d++)
            {
                _scores[Offsets[d] + slots[d] * 5 + score]++;
            }

            if (!_serviceLines.TryGetValue(serviceLine, out var lineScores)) _serviceLines[serviceLine] = lineScores = new int[5];
            lineScores[score]++;

            _received++;
            var closed = (flags & FeedbackScan.Closed) != 0;
            if ((flags & FeedbackScan.Due) != 0) _due++;
            if ((flags & FeedbackScan.Answered) != 0) _answered++;
            if ((flags & FeedbackScan.AnsweredOnTime) != 0) _answeredOnTime++;
            if (closed) _closed++;
            if ((flags & FeedbackScan.Overdue) != 0) _overdue++;
            if (daysToAnswer is { } toAnswer) _daysToAnswer[toAnswer] = _daysToAnswer.GetValueOrDefault(toAnswer) + 1;
            if (closed && daysToClose is { } toClose) _daysToClose[toClose] = _daysToClose.GetValueOrDefault(toClose) + 1;
        }

        /// <summary>Adds a stored count row of the cell (a run that adds new rows to what an earlier run counted).</summary>
        public void Add(FeedbackCount stored)
        {
            var scores = stored.Dimension == "service-line"
                ? _serviceLines.TryGetValue(stored.Value, out var line) ? line : _serviceLines[stored.Value] = new int[5]
                : null;
            var at = 0;
            if (scores is null)
            {
                if (!SlotOffsets.TryGetValue((stored.Dimension, stored.Value), out at))
                {
                    throw new InvalidOperationException($"A stored count names {stored.Dimension} = {stored.Value}, which this method does not count: run the full aggregation.");
                }

                scores = _scores;
            }

            scores[at] += stored.C1;
            scores[at + 1] += stored.C2;
            scores[at + 2] += stored.C3;
            scores[at + 3] += stored.C4;
            scores[at + 4] += stored.C5;
        }

        /// <summary>Takes out what another tally of the cell counted (the ratings a voice heard again replaces).</summary>
        public void Subtract(Tally other)
        {
            for (var i = 0; i < _scores.Length; i++) _scores[i] -= other._scores[i];
            foreach (var (line, scores) in other._serviceLines)
            {
                if (!_serviceLines.TryGetValue(line, out var mine)) _serviceLines[line] = mine = new int[5];
                for (var i = 0; i < 5; i++) mine[i] -= scores[i];
            }

            foreach (var (days, count) in other._daysToAnswer) _daysToAnswer[days] = _daysToAnswer.GetValueOrDefault(days) - count;
            foreach (var (days, count) in other._daysToClose) _daysToClose[days] = _daysToClose.GetValueOrDefault(days) - count;
            (_received, _due, _answered, _answeredOnTime, _closed, _overdue) = (_received - other._received, _due - other._due,
                _answered - other._answered, _answeredOnTime - other._answeredOnTime, _closed - other._closed, _overdue - other._overdue);
        }

        /// <summary>Adds the stored responsiveness row of the cell.</summary>
        public void Add(ResponsivenessCount stored)
        {
            _received += stored.Received;
            _due += stored.Due;
            _answered += stored.Answered;
            _answeredOnTime += stored.AnsweredOnTime;
            _closed += stored.Closed;
            _overdue += stored.Overdue;
            DayHistogram.AddTo(_daysToAnswer, stored.DaysToAnswer);
            DayHistogram.AddTo(_daysToClose, stored.DaysToClose);
        }

        /// <summary>A row for every value of every dimension that some response had, in key order.</summary>
        public IEnumerable<FeedbackCount> Counts(int providerId, DateOnly month)
        {
            var rows = new List<FeedbackCount>();
            for (var d = 0; d < FixedDimensions.Length; d++)
            {
                for (var slot = 0; slot < FixedDimensions[d].Values.Length; slot++)
                {
                    var at = Offsets[d] + slot * 5;
                    if (_scores.AsSpan(at, 5).ContainsAnyExcept(0))
                    {
                        rows.Add(Count(providerId, month, FixedDimensions[d].Name, FixedDimensions[d].Values[slot], _scores.AsSpan(at, 5)));
                    }
                }
            }

            rows.AddRange(_serviceLines.Where(l => l.Value.AsSpan().ContainsAnyExcept(0)).Select(l => Count(providerId, month, "service-line", l.Key, l.Value)));
            return rows;
        }

        public ResponsivenessCount Responsiveness(int providerId, DateOnly month) => new()
        {
            ProviderId = providerId, Month = month, Received = _received, Due = _due, Answered = _answered, AnsweredOnTime = _answeredOnTime,
            Closed = _closed, Overdue = _overdue, DaysToAnswer = DayHistogram.Format(_daysToAnswer), DaysToClose = DayHistogram.Format(_daysToClose),
        };

        private static FeedbackCount Count(int providerId, DateOnly month, string dimension, string value, ReadOnlySpan<int> c) => new()
        {
            ProviderId = providerId, Month = month, Dimension = dimension, Value = value, C1 = c[0], C2 = c[1], C3 = c[2], C4 = c[3], C5 = c[4],
        };
    }
}
