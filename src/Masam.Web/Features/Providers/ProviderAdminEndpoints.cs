using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Providers;

/// <summary>Provider administration: Admin only. Providers are never deleted, only taken out of service.</summary>
public static class ProviderAdminEndpoints
{
    public static RouteGroupBuilder MapProviderAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/providers").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);

        group.MapGet("/", ListAsync).WithName("ListProvidersForAdmin")
            .WithSummary("Providers with every field, inactive ones included when asked")
            .WithDescription("q: a name or code in Cyrillic or Latin. adminUnit: an NSO code (its subtree). includeInactive: true to list providers out of service too.");

        group.MapPost("/", CreateAsync).WithName("CreateProvider").WithSummary("Add a provider")
            .AcceptsJsonBody<ProviderRequest>(JsonBodyLimit.Medium);

        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateProvider")
            .WithSummary("Correct a provider's names, type, admin unit, service lines, registration number or address; the code is fixed")
            .AcceptsJsonBody<ProviderRequest>(JsonBodyLimit.Medium);

        group.MapPost("/{id:int}/deactivate", (int id, ProviderAdministration admin, IStringLocalizer text, CancellationToken ct) =>
                SetActiveAsync(id, false, admin, text, ct))
            .WithName("DeactivateProvider").WithSummary("Take a provider out of service: it stops taking feedback at once, its history stays");

        group.MapPost("/{id:int}/activate", (int id, ProviderAdministration admin, IStringLocalizer text, CancellationToken ct) =>
                SetActiveAsync(id, true, admin, text, ct))
            .WithName("ActivateProvider").WithSummary("Put a provider back into service");

        return group;
    }

    private static async Task<Results<Ok<PagedList<ProviderAdminView>>, ValidationProblem>> ListAsync(
        ProviderAdministration admin, IStringLocalizer text, CancellationToken ct,
        string? q = null, string? adminUnit = null, bool includeInactive = false, int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        if (Paging.Check(page, pageSize) is { } pagingField)
        {
            errors.Add(pagingField, Paging.Message(text));
        }

        var providers = await admin.SearchAsync(q, adminUnit, includeInactive, ct);
        if (providers is null)
        {
            errors.Add("adminUnit", text["error.adminUnit.unknown", adminUnit!]);
        }

        return errors.Any
            ? errors.ToProblem(text)
            : TypedResults.Ok(await providers!.Select(ProviderAdminView.Projection).ToPageAsync(page, pageSize, ct));
    }

    private static async Task<Results<Created<ProviderAdminView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonBody<ProviderRequest> body, ProviderAdministration admin, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var (provider, errors) = await admin.CreateAsync(request, ct);
        return provider is null
            ? errors.ToProblem(text)
            : TypedResults.Created($"/api/v1/providers/{provider.Id}", provider);
    }

    private static async Task<Results<Ok<ProviderAdminView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, JsonBody<ProviderRequest> body, ProviderAdministration admin, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var (provider, errors) = await admin.UpdateAsync(id, request, ct);
        return provider is not null ? TypedResults.Ok(provider)
            : errors.Any ? errors.ToProblem(text)
            : NotFound(id, text);
    }

    private static async Task<Results<Ok<ProviderAdminView>, ProblemHttpResult>> SetActiveAsync(
        int id, bool active, ProviderAdministration admin, IStringLocalizer text, CancellationToken ct) =>
        await admin.SetActiveAsync(id, active, ct) is { } provider ? TypedResults.Ok(provider) : NotFound(id, text);

    private static ProblemHttpResult NotFound(int id, IStringLocalizer text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.providerId.unknown", id]);
}
