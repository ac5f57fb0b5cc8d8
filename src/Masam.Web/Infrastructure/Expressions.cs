using System.Linq.Expressions;

namespace Masam.Web.Infrastructure;

/// <summary>Building query expressions from smaller ones, so that a rule written once as an expression serves every query.</summary>
public static class Expressions
{
    /// <summary>The body of a one-parameter lambda with its parameter replaced by <paramref name="argument"/> (a row, or a member of one).</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new ParameterSwap(lambda.Parameters[0], argument).Visit(lambda.Body);

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
