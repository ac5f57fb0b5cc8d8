using System.Linq.Expressions;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Where a signed-in staff member may look and act: the whole country, admin units (each with
/// everything below it, by path prefix), or providers. Applied inside queries, so that lists never
/// hold a row from outside.
/// </summary>
public sealed record StaffScope(bool IsNational, IReadOnlyList<string> UnitPaths, IReadOnlyList<int> ProviderIds)
{
    public static readonly StaffScope Nothing = new(false, [], []);

    public bool Covers(string adminUnitPath, int? providerId = null) =>
        IsNational
        || UnitPaths.Any(p => adminUnitPath.StartsWith(p, StringComparison.Ordinal))
        || (providerId is { } id && ProviderIds.Contains(id));

    /// <summary>
    /// A filter for any row that belongs to a provider in an admin unit:
    /// <c>query.Where(scope.Filter&lt;FeedbackItem&gt;(f =&gt; f.ProviderId, f =&gt; f.Provider!.AdminUnit!.Path))</c>.
    /// </summary>
    /// <param name="aimagCode">
    /// The aimag the row is stored with, where it is (feedback): a unit is then matched by that
    /// indexed code first, and by the path only below the aimag.
    /// </param>
    public Expression<Func<T, bool>> Filter<T>(
        Expression<Func<T, int>> providerId, Expression<Func<T, string>> unitPath, Expression<Func<T, string>>? aimagCode = null)
    {
        var row = Expression.Parameter(typeof(T), "row");
        if (IsNational)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(true), row);
        }

        Expression body = Expression.Constant(false);
        var path = Infrastructure.Expressions.Inline(unitPath, row);
        var aimag = aimagCode is null ? null : Infrastructure.Expressions.Inline(aimagCode, row);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var prefix in UnitPaths)
        {
            Expression inUnit = Expression.Call(path, startsWith, Expression.Constant(prefix));
            if (aimag is not null)
            {
                var inAimag = Expression.Equal(aimag, Expression.Constant(Geography.AdminUnit.AimagOf(prefix)));
                inUnit = prefix.Count(c => c == '/') <= 2 ? inAimag : Expression.AndAlso(inAimag, inUnit);
            }

            body = Expression.OrElse(body, inUnit);
        }

        if (ProviderIds.Count > 0)
        {
            var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(int));
            body = Expression.OrElse(body, Expression.Call(contains, Expression.Constant(ProviderIds.ToArray()), Infrastructure.Expressions.Inline(providerId, row)));
        }

        return Expression.Lambda<Func<T, bool>>(body, row);
    }
}
