using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// Makes the feed's filters on its wire names index-served. A feed row names a stored enum by its
/// wire name (<c>Status = f.Status == Closed ? "closed" : ...</c>), so an OData filter
/// <c>Status eq 'closed'</c> would become <c>CASE ... END = 'closed'</c>, which no index serves and
/// which reads every row. Before EF Core compiles a query, this moves a filter on a feed row's
/// projection down onto the stored columns, and turns a comparison of such a conditional with a
/// constant into the conditions that give that constant (<c>Status = 'Closed'</c>). Both steps
/// keep the query's meaning exactly; only projections into the feed's row types are touched.
/// </summary>
public sealed class FeedFilterPushdown : IQueryExpressionInterceptor
{
    public static readonly FeedFilterPushdown Instance = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new Pushdown().Visit(queryExpression);

    private static bool IsFeedRow(Type type) => type.Namespace == typeof(FeedbackRow).Namespace && type.Name.EndsWith("Row", StringComparison.Ordinal);

    private sealed class Pushdown : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (!IsQueryable(visited, nameof(Queryable.Where)) || visited.Arguments[0] is not MethodCallExpression select
                || !IsQueryable(select, nameof(Queryable.Select)) || Lambda(select.Arguments[1]) is not { Body: MemberInitExpression init } selector
                || !IsFeedRow(init.Type) || Lambda(visited.Arguments[1]) is not { } predicate)
            {
                return visited;
            }

            var bindings = init.Bindings.OfType<MemberAssignment>().ToDictionary(b => b.Member.Name, b => b.Expression);
            var inliner = new ProjectionInliner(predicate.Parameters[0], bindings);
            var body = inliner.Visit(predicate.Body);
            if (inliner.Failed)
            {
                return visited;
            }

            var pushed = Expression.Lambda(new ConditionalComparisons().Visit(body), selector.Parameters[0]);
            var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [selector.Parameters[0].Type], select.Arguments[0], Expression.Quote(pushed));
            return Expression.Call(select.Method, where, select.Arguments[1]);
        }

        private static bool IsQueryable(MethodCallExpression call, string name) =>
            call.Method.DeclaringType == typeof(Queryable) && call.Method.Name == name && call.Arguments.Count == 2
            && Lambda(call.Arguments[1]) is { Parameters.Count: 1 };

        private static LambdaExpression? Lambda(Expression argument) => argument is UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } ? lambda : null;
    }

    /// <summary>Replaces <c>row.Member</c> by the expression the projection assigns it; fails on any other use of the row.</summary>
    private sealed class ProjectionInliner(ParameterExpression row, IReadOnlyDictionary<string, Expression> bindings) : ExpressionVisitor
    {
        public bool Failed { get; private set; }

        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == row && bindings.TryGetValue(node.Member.Name, out var bound) ? bound : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Failed |= node == row;
            return node;
        }
    }

    /// <summary>
    /// <c>(s == A ? "a" : s == B ? "b" : "c") == v</c> becomes <c>s == (v == "a" ? A : v == "b" ? B : v == "c" ? C : none)</c>:
    /// the column compared with a value computed from the parameter alone, which an index serves.
    /// Only a chain that tests one enum column for each of its values but one (the last branch's) is
    /// turned; a value no branch gives matches no row.
    /// </summary>
    private sealed class ConditionalComparisons : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual
                && (Turn(node.Left, node.Right) ?? Turn(node.Right, node.Left)) is var (column, wanted))
            {
                return node.NodeType == ExpressionType.Equal ? Expression.Equal(column, wanted) : Expression.NotEqual(column, wanted);
            }

            return base.VisitBinary(node);
        }

        private static (Expression Column, Expression Wanted)? Turn(Expression chain, Expression value)
        {
            if (Unconvert(chain) is not ConditionalExpression || !IsFree(value) || Branches(chain) is not { } found)
            {
                return null;
            }

            var (column, branches, last) = found;
            var enumType = Nullable.GetUnderlyingType(column.Type) ?? column.Type;
            if (!enumType.IsEnum)
            {
                return null;
            }

            // An enum compared in an expression tree is compared as its number.
            branches = [.. branches.Select(b => (b.Value is null ? null : Enum.ToObject(enumType, b.Value), b.Name))];
            var rest = Enum.GetValues(enumType).Cast<object>().Except(branches.Select(b => b.Value).OfType<object>()).ToList();
            var nullable = Nullable.GetUnderlyingType(column.Type) is not null;
            if (rest.Count != 1 || nullable && branches.All(b => b.Value is not null))
            {
                return null; // the last branch stands for no single value
            }

            branches.Add((rest[0], last));
            if (branches.Select(b => b.Name).Distinct().Count() != branches.Count)
            {
                return null;
            }

            Expression wanted = Expression.Constant(Enum.ToObject(enumType, -1), column.Type); // no row has it
            foreach (var (enumValue, name) in Enumerable.Reverse(branches))
            {
                wanted = Expression.Condition(Expression.Equal(value, Expression.Constant(name, typeof(string))), Expression.Constant(enumValue, column.Type), wanted);
            }

            return (column, wanted);
        }

        /// <summary>The chain's column, each tested value with the name it gives, and the last branch's name.</summary>
        private static (Expression Column, List<(object? Value, string? Name)> Branches, string? Last)? Branches(Expression chain)
        {
            Expression? column = null;
            var branches = new List<(object? Value, string? Name)>();
            var at = Unconvert(chain);
            while (at is ConditionalExpression c)
            {
                if (c.Test is not BinaryExpression { NodeType: ExpressionType.Equal } test || Unconvert(c.IfTrue) is not ConstantExpression { Value: null or string } name
                    || Unconvert(test.Right) is not ConstantExpression tested || Unconvert(test.Left) is not MemberExpression tests
                    || column is not null && column.ToString() != tests.ToString())
                {
                    return null;
                }

                column ??= tests;
                branches.Add((tested.Value, (string?)name.Value));
                at = Unconvert(c.IfFalse);
            }

            return column is not null && at is ConstantExpression { Value: null or string } last ? (column, branches, (string?)last.Value) : null;
        }

        /// <summary>Whether the value depends on no row: a constant, or the parameter EF Core made of one.</summary>
        private static bool IsFree(Expression value) => !new RowReferences().Finds(value);

        private static Expression Unconvert(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Convert } u ? Unconvert(u.Operand) : e;
    }

    private sealed class RowReferences : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node) => node;
    }
}
