using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Reads a JSON request body itself rather than through the framework's binding, so that every way a
/// body can be wrong (type, size, syntax, a field of the wrong type or unknown) gets its own
/// problem response that names what is wrong, in the caller's language. Routes bind it through
/// <see cref="JsonBody{T}"/>.
/// </summary>
public sealed class JsonRequestBody(IStringLocalizer text)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        // The web defaults read "5" as 5; a number sent as a string is a field of the wrong type.
        NumberHandling = JsonNumberHandling.Strict,
        // {"score":5,"score":1} is not read as 1 (the last wins) but refused: a client that sends a
        // field twice has a bug, or is trying what a reader further along might read differently.
        AllowDuplicateProperties = false,
    };

    public async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: text["problem.contentType.title"],
                detail: text["problem.contentType.detail", request.ContentType ?? "-"]));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var read = 0;
            int n;
            while (read <= maxBytes && (n = await request.Body.ReadAsync(buffer.AsMemory(read, maxBytes + 1 - read), ct)) > 0)
            {
                read += n;
            }

            return read > maxBytes ? (null, TooLarge(maxBytes)) : (buffer.AsSpan(0, read).ToArray(), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public (T? Value, ProblemHttpResult? Problem) Deserialize<T>(ReadOnlySpan<byte> body) where T : class
    {
        if (!IsWellFormed(body, out var syntaxError))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: text["problem.json.title"],
                detail: text["problem.json.detail", syntaxError]));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: text["problem.json.title"], detail: text["problem.json.notObject"]))
                : (value, null);
        }
        catch (JsonException ex)
        {
            // The body is well-formed, so this is a value of the wrong type or an unknown property.
            var field = FieldName(ex.Path);
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? text["problem.json.unknownProperty"]
                : ex.Message.Contains("Duplicate", StringComparison.Ordinal) ? text["problem.json.duplicateProperty"]
                : text["problem.json.wrongType"];
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: text["problem.validation.title"],
                detail: $"{field}: {message}",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } }));
        }
    }

    private ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: text["problem.tooLarge.title"],
        detail: text["problem.tooLarge.detail", maxBytes / 1024]);

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> body, out string error)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }

            error = string.Empty;
            return reader.BytesConsumed > 0;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary><c>$.contact.phone</c> becomes <c>contact.phone</c>; a property name the path quotes is unquoted.</summary>
    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.Replace("['", ".").Replace("']", string.Empty).Trim('.');
    }
}
