using System.Text.Json;
using System.Text.Json.Nodes;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// Keeps the feed's error bodies to what a client needs: the OData library writes an
/// <c>innererror</c> with exception types and stack traces, even in production. For a request under
/// <c>/odata</c> that fails, the body is rewritten without it (and a server error says only that),
/// and an RFC 9457 problem from the rest of the app is turned into an OData error.
/// </summary>
public sealed class FeedErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/" + QueryFeedFeature.RoutePrefix))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode >= 400 && buffer.Length > 0 && context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var cleaned = Clean(buffer.ToArray(), context.Response.StatusCode);
            context.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
            context.Response.ContentLength = cleaned.Length;
            await original.WriteAsync(cleaned, context.RequestAborted);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static byte[] Clean(byte[] body, int statusCode)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        var status = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (root?["error"] is JsonObject error)
        {
            error.Remove("innererror");
            if (string.IsNullOrEmpty(error["code"]?.GetValue<string>())) error["code"] = status;
            if (statusCode >= 500)
            {
                error["message"] = "The server could not answer this query.";
                error.Remove("details");
            }
        }
        else if (root is JsonObject problem)
        {
            // An RFC 9457 problem from the rest of the app (404, 401, 429) becomes an OData error, as a feed client expects.
            var message = problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>() ?? "The query failed.";
            root = new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = statusCode >= 500 ? "The server could not answer this query." : message } };
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }
}
