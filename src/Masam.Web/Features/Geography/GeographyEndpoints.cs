using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Geography;

public static class GeographyEndpoints
{
    public static RouteGroupBuilder MapGeographyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin-units").WithTags("Geography").AllowAnonymous();

        group.MapGet("/", ListAsync)
            .WithName("ListAdminUnits")
            .WithSummary("List aimags, soums and districts")
            .WithDescription("level: 1 aimag or capital, 2 soum or district. parent: an NSO code. q: a name in Cyrillic or any usual Latin spelling.");

        group.MapGet("/{code}", GetAsync)
            .WithName("GetAdminUnit")
            .WithSummary("One admin unit by its NSO code, with its parent and children");

        return group;
    }

    private static async Task<Results<Ok<PagedList<AdminUnitListItem>>, ValidationProblem>> ListAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct,
        string? level = null, string? parent = null, string? q = null, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        int? levelNumber = level switch
        {
            null or "" => null,
            "1" => 1,
            "2" => 2,
            _ => 0,
        };
        if (levelNumber == 0)
        {
            errors.Add("level", text["error.level.range"]);
        }

        if (Paging.Check(page, pageSize) is { } pagingField)
        {
            errors.Add(pagingField, Paging.Message(text));
        }

        var units = db.AdminUnits.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(parent))
        {
            var parentId = await db.AdminUnits.Where(u => u.Code == parent.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (parentId is null)
            {
                errors.Add("parent", text["error.adminUnit.unknown", parent]);
            }

            units = units.Where(u => u.ParentId == parentId);
        }

        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        if (levelNumber is not null)
        {
            units = units.Where(u => (int)u.Level == levelNumber);
        }

        var ordered = units.OrderBy(u => u.Level).ThenBy(u => u.Code);
        var words = NameFolding.FoldWords(q);
        if (words.Count > 0)
        {
            foreach (var word in words)
            {
                units = units.Where(u => u.SearchKey.Contains(word));
            }

            // Whole-name matches first, then names that begin with the query, then the rest.
            var key = NameFolding.Fold(q);
            ordered = units
                .OrderByDescending(u => u.SearchKey.Contains("|" + key + "|"))
                .ThenByDescending(u => u.SearchKey.Contains("|" + key))
                .ThenBy(u => u.Level)
                .ThenBy(u => u.Code);
        }

        return TypedResults.Ok(await ordered
            .Select(u => new AdminUnitListItem(u.Code, u.NameMn, u.NameEn, (int)u.Level, u.Kind, u.Parent == null ? null : u.Parent.Code, u.Population))
            .ToPageAsync(page, pageSize, ct));
    }

    private static async Task<Results<Ok<AdminUnitDetail>, ProblemHttpResult>> GetAsync(
        string code, MasamDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Code == code.Trim())
            .Select(u => new
            {
                u.Id,
                Detail = new AdminUnitDetail(
                    u.Code, u.NameMn, u.NameEn, (int)u.Level, u.Kind, u.PCode, u.IsoCode, u.Population, u.PopulationYear,
                    u.ValidFrom, u.ValidTo,
                    u.Parent == null ? null : new AdminUnitListItem(u.Parent.Code, u.Parent.NameMn, u.Parent.NameEn, (int)u.Parent.Level, u.Parent.Kind, null, u.Parent.Population),
                    Array.Empty<AdminUnitListItem>()),
            })
            .FirstOrDefaultAsync(ct);
        if (unit is not null)
        {
            var children = await db.AdminUnits.AsNoTracking()
                .Where(c => c.ParentId == unit.Id)
                .OrderBy(c => c.Code)
                .Select(c => new AdminUnitListItem(c.Code, c.NameMn, c.NameEn, (int)c.Level, c.Kind, unit.Detail.Code, c.Population))
                .ToListAsync(ct);
            unit = unit with { Detail = unit.Detail with { Children = children } };
        }

        return unit is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: text["problem.notFound.title"], detail: text["error.adminUnit.unknown", code])
            : TypedResults.Ok(unit.Detail);
    }
}

public sealed record AdminUnitListItem(string Code, string NameMn, string NameEn, int Level, AdminUnitKind Kind, string? ParentCode, int? Population);

public sealed record AdminUnitDetail(
    string Code, string NameMn, string NameEn, int Level, AdminUnitKind Kind, string? PCode, string? IsoCode,
    int? Population, int? PopulationYear, DateOnly ValidFrom, DateOnly? ValidTo,
    AdminUnitListItem? Parent, IReadOnlyList<AdminUnitListItem> Children);
