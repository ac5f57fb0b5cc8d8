using System.Linq.Expressions;
using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Providers;

public static class ProviderEndpoints
{
    public static RouteGroupBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Providers").AllowAnonymous();

        group.MapGet("/providers", ListAsync)
            .WithName("ListProviders")
            .WithSummary("List public service providers")
            .WithDescription("adminUnit: an NSO code; providers of its soums and districts are included. type, serviceLine: codes. q: a name in Cyrillic or Latin.");

        group.MapGet("/providers/{id:int}", GetAsync)
            .WithName("GetProvider")
            .WithSummary("One provider");

        group.MapGet("/service-lines", async (MasamDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.ServiceLines.AsNoTracking().OrderBy(l => l.SectorCode).ThenBy(l => l.Code)
                    .Select(l => new CatalogueItem(l.Code, l.NameMn, l.NameEn, l.SectorCode)).ToListAsync(ct)))
            .WithName("ListServiceLines")
            .WithSummary("Service lines, with their sector");

        group.MapGet("/provider-types", async (MasamDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.ProviderTypes.AsNoTracking().OrderBy(t => t.SectorCode).ThenBy(t => t.Code)
                    .Select(t => new CatalogueItem(t.Code, t.NameMn, t.NameEn, t.SectorCode)).ToListAsync(ct)))
            .WithName("ListProviderTypes")
            .WithSummary("Provider types, with their sector");

        return group;
    }

    private static async Task<Results<Ok<PagedList<ProviderListItem>>, ValidationProblem>> ListAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct,
        string? adminUnit = null, string? type = null, string? serviceLine = null, string? q = null,
        int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var providers = db.Providers.AsNoTracking().Where(p => p.IsActive);

        if (!string.IsNullOrWhiteSpace(adminUnit))
        {
            if (await ProviderSearch.InUnitAsync(db, providers, adminUnit, ct) is { } inUnit) providers = inUnit;
            else errors.Add("adminUnit", text["error.adminUnit.unknown", adminUnit]);
        }

        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!await db.ProviderTypes.AnyAsync(t => t.Code == type, ct)) errors.Add("type", text["error.providerType.unknown", type]);
            else providers = providers.Where(p => p.TypeCode == type);
        }

        if (!string.IsNullOrWhiteSpace(serviceLine))
        {
            if (!await db.ServiceLines.AnyAsync(l => l.Code == serviceLine, ct)) errors.Add("serviceLine", text["error.serviceLine.unknown", serviceLine]);
            else providers = providers.Where(p => p.ServiceLines.Any(l => l.Code == serviceLine));
        }

        if (Paging.Check(page, pageSize) is { } pagingField)
        {
            errors.Add(pagingField, Paging.Message(text));
        }

        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        return TypedResults.Ok(await ProviderSearch.Matching(providers, q)
            .OrderBy(p => p.AdminUnit!.Path).ThenBy(p => p.TypeCode).ThenBy(p => p.NameMn)
            .Select(ProviderListItem.Projection)
            .ToPageAsync(page, pageSize, ct));
    }

    private static async Task<Results<Ok<ProviderListItem>, ProblemHttpResult>> GetAsync(
        int id, MasamDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == id)
            .Select(ProviderListItem.Projection)
            .FirstOrDefaultAsync(ct);
        return provider is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.providerId.unknown", id])
            : TypedResults.Ok(provider);
    }
}

public sealed record ProviderListItem(
    int Id, string Code, string NameMn, string NameEn, string Type, string AdminUnitCode,
    IReadOnlyList<string> ServiceLines, bool IsDemo, string? SmsCode)
{
    public static readonly Expression<Func<Provider, ProviderListItem>> Projection = p =>
        new ProviderListItem(p.Id, p.Code, p.NameMn, p.NameEn, p.TypeCode, p.AdminUnit!.Code,
            p.ServiceLines.OrderBy(l => l.Code).Select(l => l.Code).ToList(), p.IsDemo, p.SmsCode);
}

public sealed record CatalogueItem(string Code, string NameMn, string NameEn, string Sector);
