namespace Masam.Web.Infrastructure;

/// <summary>A page of a list, with the total so that a client can page on.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>Checks page and pageSize; null when they are fine.</summary>
    public static string? Check(int? page, int? pageSize) =>
        page is < 1 ? "page"
        : pageSize is < 1 or > MaxPageSize ? "pageSize"
        : null;
}
