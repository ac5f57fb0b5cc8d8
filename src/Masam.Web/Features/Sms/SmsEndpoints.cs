using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>
/// Where gateways hand over SMS and report deliveries: Kannel's smsbox (<c>get-url</c>, and the
/// <c>dlr-url</c> of each reply) and a RapidPro/courier external channel (<c>from</c>, <c>text</c>,
/// <c>date</c>, and its status callbacks). Every request carries the gateway secret; without it the
/// answer is 401 and nothing is stored. With SMS off (no secret configured) they are not found.
/// </summary>
public static class SmsEndpoints
{
    public const string KeyHeader = "X-Masam-Gateway-Key";

    /// <summary>Longest text taken (a concatenated SMS is at most 255 parts of 153 characters).</summary>
    public const int MaxTextLength = 40_000;

    public static RouteGroupBuilder MapSmsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sms").WithTags("SMS gateways").AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var options = http.RequestServices.GetRequiredService<IOptions<SmsOptions>>().Value;
                var text = http.RequestServices.GetRequiredService<IStringLocalizer>();
                if (!options.Enabled)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["problem.sms.off"]);
                }

                var given = http.Request.Headers[KeyHeader].ToString();
                if (string.IsNullOrEmpty(given)) given = http.Request.Query["key"].ToString();
                return SameSecret(given, options.GatewaySecret!)
                    ? await next(context)
                    : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: text["problem.sms.unauthorized.title"], detail: text["problem.sms.unauthorized.detail", KeyHeader]);
            });

        group.MapMethods("/kannel", ["GET", "POST"], ReceiveFromKannelAsync)
            .WithName("ReceiveKannelSms")
            .WithSummary("An SMS from Kannel's smsbox (get-url: from=%p&text=%a&id=%I&key=…); answered in plain text")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapMethods("/kannel/delivery", ["GET", "POST"], KannelDeliveryAsync)
            .WithName("KannelDeliveryReport")
            .WithSummary("Kannel's delivery report for a reply (dlr-url: id=<outbox id>&status=%d)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/rapidpro/receive", ReceiveFromRapidProAsync)
            .WithName("ReceiveRapidProSms")
            .WithSummary("An SMS from a RapidPro/courier external channel (form: from, text, date, id)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/rapidpro/status", RapidProStatusAsync)
            .WithName("RapidProStatus")
            .WithSummary("A RapidPro/courier external channel's status for a reply (form: id, status = sent, delivered or failed)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// Kannel reads a get-url's answer as the text of a reply SMS, by its content type: plain text in
    /// UTF-8 is what it expects (anything else makes smsbox try to set the message's coding, which it
    /// refuses and logs for every message). With <c>max-messages = 0</c> it sends none of it.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> ReceiveFromKannelAsync(
        HttpRequest request, SmsInbox inbox, IStringLocalizer text, CancellationToken ct)
    {
        var form = await ParametersAsync(request, ct);
        var received = await ReceiveAsync("kannel", form("id"), form("from"), form("text"), inbox, text, ct);
        return received.Result is Ok<SmsReceipt> { Value: { } receipt }
            ? TypedResults.Text(receipt.Result, "text/plain", Encoding.UTF8)
            : (ValidationProblem)received.Result;
    }

    private static async Task<Results<Ok<SmsReceipt>, ValidationProblem>> ReceiveFromRapidProAsync(
        HttpRequest request, SmsInbox inbox, IStringLocalizer text, CancellationToken ct)
    {
        var form = await ParametersAsync(request, ct);
        var (from, body, date) = (form("from"), form("text"), form("date"));
        // The external channel's contract has no message id: without one, the sender, time and text stand for it.
        var id = form("id") ?? (from is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{from}\n{date}\n{body}")))[..32]);
        return await ReceiveAsync("rapidpro", id, from, body, inbox, text, ct);
    }

    private static async Task<Results<Ok<SmsReceipt>, ValidationProblem>> ReceiveAsync(
        string gateway, string? id, string? from, string? body, SmsInbox inbox, IStringLocalizer text, CancellationToken ct)
    {
        var errors = new Infrastructure.FieldErrors();
        if (string.IsNullOrWhiteSpace(from) || PhoneHasher.Normalize(from).Length is < 3 or > 15)
        {
            errors.Add("from", text["error.sms.from"]);
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            errors.Add("id", text["error.sms.id"]);
        }

        if (body?.Length > MaxTextLength)
        {
            errors.Add("text", text["error.sms.text", MaxTextLength]);
        }

        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        var outcome = await inbox.ReceiveAsync(new InboundSms(gateway, id!.Trim(), from!.Trim(), body), ct);
        return TypedResults.Ok(new SmsReceipt(outcome switch
        {
            InboundOutcome.Replayed => "replayed",
            InboundOutcome.Limited => "limited",
            _ => "answered",
        }));
    }

    private static async Task<Results<Ok<SmsReceipt>, ValidationProblem, ProblemHttpResult>> KannelDeliveryAsync(
        HttpRequest request, SmsDeliveryReports reports, IStringLocalizer text, CancellationToken ct)
    {
        var form = await ParametersAsync(request, ct);
        var report = int.TryParse(form("status"), NumberStyles.None, CultureInfo.InvariantCulture, out var type) ? SmsDeliveryReports.FromKannel(type) : null;
        return await ReportAsync(form("id"), report, reports, text, ct);
    }

    private static async Task<Results<Ok<SmsReceipt>, ValidationProblem, ProblemHttpResult>> RapidProStatusAsync(
        HttpRequest request, SmsDeliveryReports reports, IStringLocalizer text, CancellationToken ct)
    {
        var form = await ParametersAsync(request, ct);
        return await ReportAsync(form("id"), SmsDeliveryReports.FromRapidPro(form("status")), reports, text, ct);
    }

    private static async Task<Results<Ok<SmsReceipt>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        string? id, DeliveryReport? report, SmsDeliveryReports reports, IStringLocalizer text, CancellationToken ct)
    {
        var errors = new Infrastructure.FieldErrors();
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var outboxId))
        {
            errors.Add("id", text["error.sms.reportId"]);
        }

        if (report is null)
        {
            errors.Add("status", text["error.sms.reportStatus"]);
        }

        if (errors.Any)
        {
            return errors.ToProblem(text);
        }

        return await reports.RecordAsync(outboxId, report!.Value, ct)
            ? TypedResults.Ok(new SmsReceipt("recorded"))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.sms.reportUnknown", outboxId]);
    }

    /// <summary>The request's parameters: the form's, then the query string's (Kannel's get-url puts everything there).</summary>
    private static async Task<Func<string, string?>> ParametersAsync(HttpRequest request, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        return name => form?[name].FirstOrDefault() is { } fromForm ? fromForm : request.Query[name].FirstOrDefault();
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>What a gateway is told: <c>answered</c>, <c>replayed</c> (seen before), <c>limited</c>, or <c>recorded</c> (a delivery report).</summary>
public sealed record SmsReceipt(string Result);
