using System.Globalization;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

public static class HolidayEndpoints
{
    public static RouteGroupBuilder MapHolidaysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/holidays").WithTags("Administration").RequireAuthorization(AccountsFeature.AdminPolicy);

        group.MapGet("/", async (HolidayAdministration holidays, TimeProvider clock, CancellationToken ct, int? year) =>
                TypedResults.Ok(await holidays.YearAsync(year ?? MongolianTime.DateOf(clock.GetUtcNow().UtcDateTime).Year, ct)))
            .WithName("ListHolidays")
            .WithSummary("A year's public holidays (this year unless ?year=), and whether its lunar holidays are still to be entered");

        group.MapPut("/{date}", SetAsync)
            .WithName("SetHoliday")
            .WithSummary("Add a public holiday, rename it, or take it off the list (observed: false); answer deadlines follow at once")
            .AcceptsJsonBody<HolidayRequest>(4096)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return group;
    }

    private static async Task<Results<Ok<HolidayView>, ValidationProblem>> SetAsync(
        string date, JsonBody<HolidayRequest> body, HolidayAdministration holidays, IStringLocalizer text, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [text["error.holiday.date"]] }, title: text["problem.validation.title"]);
        }

        var (holiday, errors) = await holidays.SetAsync(day, body.Value, ct);
        return holiday is null ? errors.ToProblem(text) : TypedResults.Ok(holiday);
    }
}
