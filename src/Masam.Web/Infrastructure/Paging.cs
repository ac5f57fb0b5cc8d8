using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Infrastructure;

/// <summary>A page of a list, with the total so that a client can page on.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>The last page that may be asked for: its first row must still be countable (no overflow past it).</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>Checks page and pageSize; names the field that is out of range, or null when both are fine.</summary>
    public static string? Check(int? page, int? pageSize) =>
        page is < 1 or > MaxPage ? "page"
        : pageSize is < 1 or > MaxPageSize ? "pageSize"
        : null;

    /// <summary>What a person is told of paging out of range, in the request's language.</summary>
    public static string Message(IStringLocalizer text) => text["error.paging", MaxPageSize, MaxPage];

    /// <summary>A problem naming the out-of-range paging field, or null when both are fine.</summary>
    public static ValidationProblem? Problem(int? page, int? pageSize, IStringLocalizer text) =>
        Check(page, pageSize) is { } field
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [Message(text)] }, title: text["problem.validation.title"])
            : null;

    /// <summary>One page of an ordered query, and the count of all its rows.</summary>
    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> ordered, int? page, int? pageSize, CancellationToken ct)
    {
        var size = pageSize ?? DefaultPageSize;
        var number = page ?? 1;
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<T>(items, total, number, size);
    }
}
