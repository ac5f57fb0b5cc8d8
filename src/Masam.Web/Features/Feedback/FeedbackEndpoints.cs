using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

public static class FeedbackEndpoints
{
    public static RouteGroupBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/feedback").WithTags("Feedback").AllowAnonymous();

        group.MapPost("/", SubmitAsync)
            .WithName("SubmitFeedback")
            .WithSummary("Give feedback on a provider")
            .WithDescription("Anonymous by default. Send an Idempotency-Key header so that a retry returns the first result instead of a duplicate.")
            .AddEndpointFilter(async (context, next) =>
            {
                // A body refused before the intake's rules see it (not JSON, too large, a field twice) is a refusal too.
                if (context.Arguments.OfType<IJsonBody>().FirstOrDefault() is { Problem: not null })
                {
                    context.HttpContext.RequestServices.GetRequiredService<MasamMetrics>().SubmissionRefused(WebChannel, "body");
                }

                return await next(context);
            })
            .AcceptsJsonBody<SubmitFeedbackRequest>(FeedbackRules.MaxBodyBytes)
            .RequireRateLimiting(RateLimiting.FeedbackPolicy)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/{trackingCode}/rating", RateAsync)
            .WithName("RateAnswer")
            .WithSummary("Rate the answer, 1 to 5, once")
            .AcceptsJsonBody<RateAnswerRequest>(FeedbackRules.RatingMaxBodyBytes)
            .RequireRateLimiting(RateLimiting.FeedbackPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{trackingCode}/reopen", ReopenAsync)
            .WithName("ReopenFeedback")
            .WithSummary("Say the answer did not solve the problem, once: the item goes back to the official with a new deadline")
            .AcceptsJsonBody<ReopenRequest>(FeedbackRules.ReopenMaxBodyBytes)
            .RequireRateLimiting(RateLimiting.FeedbackPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{trackingCode}", GetPublicViewAsync)
            .WithName("TrackFeedback")
            .WithSummary("Follow feedback by its tracking code")
            .WithDescription("Shows the provider, the date, the status and the public answers; nothing else.");

        return group;
    }

    private static async Task<Results<Created<FeedbackReceipt>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        JsonBody<SubmitFeedbackRequest> body, HttpContext context, FeedbackIntake intake, FeedbackWriter writer,
        IStringLocalizer text, CancellationToken ct)
    {
        IdempotencyKey? key = null;
        if (context.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var header))
        {
            var value = header.ToString().Trim();
            if (value.Length is 0 or > FeedbackRules.IdempotencyKeyMaxLength)
            {
                context.RequestServices.GetRequiredService<MasamMetrics>().SubmissionRefused(WebChannel, IdempotencyKey.HeaderName);
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: text["problem.idempotencyKey.title"],
                    detail: text["problem.idempotencyKey.invalid", FeedbackRules.IdempotencyKeyMaxLength]);
            }

            key = IdempotencyKey.Create(value, body.Raw);
        }

        try
        {
            var (feedback, errors) = await intake.ValidateAsync(body.Value, ct);
            if (feedback is null)
            {
                return errors.ToProblem(text);
            }

            return Receipt(context, await writer.SubmitAsync(feedback.Speaking(context), key, ct));
        }
        catch (IdempotencyKeyReusedException)
        {
            context.RequestServices.GetRequiredService<MasamMetrics>().SubmissionRefused(WebChannel, IdempotencyKey.HeaderName);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: text["problem.idempotencyKey.title"],
                detail: text["problem.idempotencyKey.reused"]);
        }
    }

    /// <summary>The API's submissions count as the web channel's until their body names another.</summary>
    public static readonly string WebChannel = WireEnum<FeedbackChannel>.Name(FeedbackChannel.Web);

    private static Created<FeedbackReceipt> Receipt(HttpContext context, FeedbackReceipt receipt)
    {
        if (receipt.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Created($"/api/v1/feedback/{receipt.TrackingCode}", receipt);
    }

    private static async Task<Results<Ok<PublicFeedbackView>, ProblemHttpResult>> GetPublicViewAsync(
        string trackingCode, MasamDbContext db, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var code = TrackingCodes.Normalize(trackingCode);
        if (code is null)
        {
            return InvalidCode(text);
        }

        var view = await PublicFeedbackView.FindAsync(db, code, clock.GetUtcNow().UtcDateTime, ct);
        return view is null ? UnknownCode(text) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PublicFeedbackView>, ValidationProblem, ProblemHttpResult>> RateAsync(
        string trackingCode, JsonBody<RateAnswerRequest> body, HttpContext context, AnswerRating ratings, MasamDbContext db, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var code = TrackingCodes.Normalize(trackingCode);
        if (code is null)
        {
            return InvalidCode(text);
        }

        var request = body.Value;
        if (request.Rating is not (>= FeedbackRules.MinScore and <= FeedbackRules.MaxScore))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rating"] = [text["error.score.required"]] }, title: text["problem.validation.title"]);
        }

        var outcome = await ratings.RateAsync(code, request.Rating.Value, context.User, ct);
        return outcome switch
        {
            AnswerRating.Outcome.StaffSession => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: text["problem.rating.title"], detail: text["error.rating.staff"]),
            AnswerRating.Outcome.Rated => TypedResults.Ok((await PublicFeedbackView.FindAsync(db, code, clock.GetUtcNow().UtcDateTime, ct))!),
            AnswerRating.Outcome.NotFound => UnknownCode(text),
            AnswerRating.Outcome.AlreadyRated => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.rating.title"], detail: text["error.rating.once"]),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.rating.title"], detail: text["error.rating.notAnswered"]),
        };
    }

    private static async Task<Results<Ok<PublicFeedbackView>, ValidationProblem, ProblemHttpResult>> ReopenAsync(
        string trackingCode, JsonBody<ReopenRequest> body, HttpContext context, CitizenReopening reopening, MasamDbContext db, TimeProvider clock, IStringLocalizer text, CancellationToken ct)
    {
        var code = TrackingCodes.Normalize(trackingCode);
        if (code is null)
        {
            return InvalidCode(text);
        }

        var reason = UserText.Clean(body.Value.Reason);
        if (reason is null || reason.Length > FeedbackRules.ReasonMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [text["error.reopen.reason", FeedbackRules.ReasonMaxLength]] }, title: text["problem.validation.title"]);
        }

        var outcome = await reopening.ReopenAsync(code, reason, context.User, ct);
        return outcome switch
        {
            CitizenReopening.Outcome.Reopened => TypedResults.Ok((await PublicFeedbackView.FindAsync(db, code, clock.GetUtcNow().UtcDateTime, ct))!),
            CitizenReopening.Outcome.NotFound => UnknownCode(text),
            CitizenReopening.Outcome.StaffSession => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: text["problem.reopen.title"], detail: text["error.reopen.staff"]),
            CitizenReopening.Outcome.AlreadyReopened => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.reopen.title"], detail: text["error.reopen.once"]),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.reopen.title"], detail: text["error.reopen.notAnswered"]),
        };
    }

    private static ProblemHttpResult InvalidCode(IStringLocalizer text) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: text["problem.trackingCode.invalid.title"], detail: text["problem.trackingCode.invalid.detail"]);

    private static ProblemHttpResult UnknownCode(IStringLocalizer text) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: text["problem.trackingCode.notFound.title"], detail: text["problem.trackingCode.notFound.detail"]);
}
