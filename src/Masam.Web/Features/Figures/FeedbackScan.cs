using System.Linq.Expressions;
using Masam.Web.Features.Feedback;

namespace Masam.Web.Features.Figures;

/// <summary>
/// The one query the aggregation reads feedback with. Per valid item it selects the provider, the
/// month, the service line, the days to answer and to close, and one integer that packs the score,
/// the slot of each fixed dimension and the deadline flags: the database works them out, and the
/// reader takes six columns a row instead of sixteen (each column read costs more than the scan).
/// The query is built by EF from the model, so it is the same on every database.
/// </summary>
internal static class FeedbackScan
{
    /// <summary>A slot in a packed integer: its size, and how an item's slot is found in the query.</summary>
    public sealed record Part(int Size, LambdaExpression SlotOf);

    public sealed class Row
    {
        public int ProviderId { get; set; }

        /// <summary>Year × 12 + month − 1.</summary>
        public int MonthKey { get; set; }

        public string? ServiceLineCode { get; set; }
        public int? DaysToAnswer { get; set; }
        public int? DaysToClose { get; set; }
        public int Packed { get; set; }
    }

    public const int Closed = 1, Due = 2, Answered = 4, AnsweredOnTime = 8, Overdue = 16;

    /// <summary>The slot of a nullable enum property: its values in order, then "not given".</summary>
    public static Part EnumPart<T>(Expression<Func<FeedbackItem, T?>> property) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Expression slot = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            slot = Expression.Condition(Expression.Equal(property.Body, Expression.Constant(values[i], typeof(T?))), Expression.Constant(i), slot);
        }

        return new Part(values.Length + 1, Expression.Lambda(slot, property.Parameters));
    }

    /// <summary>The slot of a nullable yes/no property: yes, no, not given.</summary>
    public static Part YesNoPart(Expression<Func<FeedbackItem, bool?>> property) => new(3, Expression.Lambda(
        Expression.Condition(Expression.Equal(property.Body, Expression.Constant(true, typeof(bool?))), Expression.Constant(0),
            Expression.Condition(Expression.Equal(property.Body, Expression.Constant(false, typeof(bool?))), Expression.Constant(1), Expression.Constant(2))),
        property.Parameters));

    /// <summary>The slot of a required enum property.</summary>
    public static Part RequiredEnumPart<T>(Expression<Func<FeedbackItem, T>> property) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Expression slot = Expression.Constant(values.Length - 1);
        for (var i = values.Length - 2; i >= 0; i--)
        {
            slot = Expression.Condition(Expression.Equal(property.Body, Expression.Constant(values[i])), Expression.Constant(i), slot);
        }

        return new Part(values.Length, Expression.Lambda(slot, property.Parameters));
    }

    /// <summary>The query: <paramref name="parts"/> packed in order, lowest first, after the score (0-4).</summary>
    public static IQueryable<Row> Query(IQueryable<FeedbackItem> valid, IReadOnlyList<Part> parts, DateTime asOf)
    {
        Expression<Func<FeedbackItem, int>> score = f => f.Score - 1;
        Expression<Func<FeedbackItem, int>> flags = f =>
            (f.Status == FeedbackStatus.Closed ? Closed : 0)
            + (f.AnsweredAt != null || f.DueAt < asOf ? Due : 0)
            + (f.AnsweredAt != null ? Answered : 0)
            + (f.AnsweredAt != null && f.AnsweredAt <= f.DueAt ? AnsweredOnTime : 0);
        flags = Expression.Lambda<Func<FeedbackItem, int>>(Expression.Add(flags.Body, Expression.Condition(
            Infrastructure.Expressions.Inline(AnswerDeadline.OverdueAt(asOf), flags.Parameters[0]), Expression.Constant(Overdue), Expression.Constant(0))), flags.Parameters);

        var item = score.Parameters[0];
        Expression packed = score.Body;
        var multiplier = 5;
        foreach (var part in parts.Append(new Part(32, flags)))
        {
            packed = Expression.Add(packed, Expression.Multiply(Expression.Constant(multiplier), Infrastructure.Expressions.Inline(part.SlotOf, item)));
            multiplier *= part.Size;
        }

        Expression<Func<FeedbackItem, Row>> shape = f => new Row
        {
            ProviderId = f.ProviderId, MonthKey = f.ReceivedMonth.Year * 12 + f.ReceivedMonth.Month - 1, ServiceLineCode = f.ServiceLineCode,
            DaysToAnswer = f.DaysToAnswer, DaysToClose = f.DaysToClose, Packed = 0,
        };
        var init = (MemberInitExpression)Infrastructure.Expressions.Inline(shape, item);
        var bindings = init.Bindings.Cast<MemberAssignment>()
            .Select(b => b.Member.Name == nameof(Row.Packed) ? Expression.Bind(b.Member, packed) : b);
        return valid.Select(Expression.Lambda<Func<FeedbackItem, Row>>(Expression.MemberInit(init.NewExpression, bindings), item));
    }

    /// <summary>Reads the slots back: the score, then each part's slot, then the flags.</summary>
    public static void Unpack(int packed, IReadOnlyList<Part> parts, Span<int> slots, out int score, out int flags)
    {
        score = packed % 5;
        packed /= 5;
        for (var i = 0; i < parts.Count; i++)
        {
            slots[i] = packed % parts[i].Size;
            packed /= parts[i].Size;
        }

        flags = packed;
    }
}
