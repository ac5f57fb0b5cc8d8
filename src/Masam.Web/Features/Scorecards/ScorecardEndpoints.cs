using System.Text.Json;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scorecards;

public static class ScorecardEndpoints
{
    public static RouteGroupBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/scorecard-indicators", async (MasamDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.ScorecardIndicators.AsNoTracking().OrderBy(i => i.SectorCode).ThenBy(i => i.Code)
                    .Select(i => new { i.Code, i.SectorCode, i.NameMn, i.NameEn }).ToListAsync(ct)))
            .AllowAnonymous().WithTags("Scorecards")
            .WithName("ListScorecardIndicators").WithSummary("The library of standard scorecard indicators, per sector");

        var group = app.MapGroup("/api/v1/staff/scorecards").WithTags("Scorecards").RequireAuthorization(AccountsFeature.StaffPolicy);

        group.MapGet("/", async (ScorecardCycles cards, IStringLocalizer text, CancellationToken ct, int? page = null, int? pageSize = null) =>
                Paging.Problem(page, pageSize, text) is { } problem ? (IResult)problem : TypedResults.Ok(await cards.ListAsync(page, pageSize, ct)))
            .WithName("ListScorecards").WithSummary("Scorecard cycles within the account's scope, newest first")
            .Produces<PagedList<ScorecardSummary>>();

        group.MapGet("/{id:int}", async (int id, ScorecardCycles cards, IStringLocalizer text, CancellationToken ct) =>
                await cards.ResultsAsync(id, ct) is { } results ? Results.Ok(results) : NotFound(text, id))
            .WithName("GetScorecard").WithSummary("A cycle's results: each group's score per indicator, the community score, the self-score and the gap")
            .Produces<ScorecardResults>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", CreateAsync).RequireAuthorization(ScorecardsFeature.EditorPolicy)
            .WithName("CreateScorecard").WithSummary("Plan a cycle for a provider and period, with library indicators").AcceptsJsonBody<CreateCycleRequest>();

        group.MapPost("/{id:int}/indicators", (int id, JsonBody<AddIndicatorsRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.AddIndicatorsAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<AddIndicatorsRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("AddScorecardIndicators").WithSummary("Add library indicators or ones the community raised");

        group.MapPost("/{id:int}/groups", (int id, JsonBody<AddFocusGroupRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.AddFocusGroupAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<AddFocusGroupRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("AddFocusGroup").WithSummary("Add a focus group with its participant counts");

        group.MapPut("/{id:int}/groups/{groupId:int}/scores", (int id, int groupId, JsonBody<EnterScoresRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.EnterGroupScoresAsync(id, groupId, body.Value, ct), ct))
            .AcceptsJsonBody<EnterScoresRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("EnterGroupScores").WithSummary("Enter one focus group's score sheet (all rows or none)");

        group.MapPut("/{id:int}/self-scores", (int id, JsonBody<EnterScoresRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.EnterSelfScoresAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<EnterScoresRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("EnterSelfScores").WithSummary("Enter the provider's self-assessment");

        group.MapPut("/{id:int}/input-tracking", (int id, JsonBody<InputTrackingRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.SetInputTrackingAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<InputTrackingRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("SetInputTracking").WithSummary("Record entitlements against what is really there");

        group.MapPut("/{id:int}/interface-meeting", (int id, JsonBody<InterfaceMeetingRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.RecordInterfaceMeetingAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<InterfaceMeetingRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("RecordInterfaceMeeting").WithSummary("Record the interface meeting: date, attendance, notes");

        group.MapPost("/{id:int}/action-plan", (int id, JsonBody<ActionPlanRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.AgreeActionPlanAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<ActionPlanRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("AgreeActionPlan").WithSummary("Agree the joint action plan; each item becomes a tracked response action");

        group.MapPost("/{id:int}/corrections", (int id, JsonBody<CorrectionRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.CorrectAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<CorrectionRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("CorrectScorecard").WithSummary("Correct a score of a completed cycle, with a reason that is audited");

        group.MapPost("/{id:int}/imports", ImportAsync)
            .RequireAuthorization(ScorecardsFeature.EditorPolicy).DisableAntiforgery()
            .WithName("ImportScoreSheets")
            .WithSummary("Import focus-group score sheets from a KoBoToolbox XLSX or ODK Central zip export (multipart: file, format=kobo|odk, approvedOnly)")
            .Produces<Import.ImportReport>().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/{id:int}/stage", (int id, JsonBody<AdvanceStageRequest> body, HttpContext c, ScorecardCycles cards, CancellationToken ct) =>
                Change(id, c, cards, cards.AdvanceAsync(id, body.Value, ct), ct))
            .AcceptsJsonBody<AdvanceStageRequest>().RequireAuthorization(ScorecardsFeature.EditorPolicy).WithName("AdvanceScorecard").WithSummary("Move the cycle to its next stage");

        return group;
    }

    private static async Task<Results<Created<ScorecardResults>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateCycleRequest> body, ScorecardCycles cards, IStringLocalizer text, CancellationToken ct)
    {
        var request = body.Value;
        var outcome = await cards.CreateAsync(request, ct);
        return outcome switch
        {
            { CreatedId: { } id } => TypedResults.Created($"/api/v1/staff/scorecards/{id}", (await cards.ResultsAsync(id, ct))!),
            { Result: ChangeResult.Forbidden } => ChangeOutcome.ForbiddenProblem(text, outcome.Detail),
            _ => outcome.Errors!.ToProblem(text),
        };
    }

    private static async Task<Results<Ok<Import.ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        int id, HttpRequest request, Import.ScorecardImporter importer, Microsoft.Extensions.Options.IOptions<Import.ImportOptions> limits, IStringLocalizer text, CancellationToken ct)
    {
        var max = limits.Value.ImportMaxBytes;
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: text["problem.contentType.title"], detail: text["error.import.multipart"]);
        }

        if (request.ContentLength > max + 64 * 1024)
        {
            return TooLarge(text, max);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = max }, ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(text, max);
        }

        var file = form.Files.GetFile("file");
        var format = form["format"].ToString().ToLowerInvariant();
        var errors = new FieldErrors();
        if (file is null || file.Length == 0) errors.Add("file", text["error.import.noFile"]);
        if (format is not ("kobo" or "odk")) errors.Add("format", text["error.import.format", format]);
        var formName = form["form"].FirstOrDefault() is { Length: > 0 } f ? f : "csc-focus-group";
        if (!Import.ScorecardFormMapping.Forms.Contains(formName)) errors.Add("form", text["error.enum.unknown", formName, string.Join(", ", Import.ScorecardFormMapping.Forms)]);
        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        var buffer = await Import.ExportReader.ReadAllAsync(file!, ct);
        var approvedOnly = bool.TryParse(form["approvedOnly"], out var a) && a;
        var (report, problem) = await importer.ImportAsync(id, format, buffer, approvedOnly, formName, ct);
        return (report, problem?.Result) switch
        {
            ({ } done, _) => TypedResults.Ok(done),
            (_, ChangeResult.Invalid) => problem!.Errors!.ToProblem(text),
            (_, ChangeResult.Refused) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.refused"], detail: problem!.Detail),
            (_, ChangeResult.Forbidden) => ChangeOutcome.ForbiddenProblem(text, problem!.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.scorecard.unknown", id]),
        };
    }

    private static ProblemHttpResult TooLarge(IStringLocalizer text, long max) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: text["problem.tooLarge.title"], detail: text["problem.tooLarge.detail", max / 1024]);

    private static Task<Results<Ok<ScorecardResults>, ValidationProblem, ProblemHttpResult>> Change(
        int id, HttpContext context, ScorecardCycles cards, Task<ChangeOutcome> change, CancellationToken ct) =>
        ChangeEndpoint.RunAsync(context, change, c => cards.ResultsAsync(id, c), "error.scorecard.unknown", id, ct);

    private static IResult NotFound(IStringLocalizer text, int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.scorecard.unknown", id]);
}
