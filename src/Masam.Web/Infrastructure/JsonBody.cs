using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Masam.Web.Infrastructure;

/// <summary>
/// A JSON request body of type <typeparamref name="T"/>, bound once for every route: read by
/// <see cref="JsonRequestBody"/> within the size its route declares with
/// <see cref="JsonBodyRoutes.AcceptsJsonBody{T}"/>, and checked (type, size, syntax, fields) before
/// the handler runs; a bad body is answered with its problem by the route's filter, so a handler
/// only ever sees a well-formed <see cref="Value"/>.
/// </summary>
public sealed class JsonBody<T> : IJsonBody where T : class
{
    private readonly T? _value;

    private JsonBody(T? value, byte[] raw, ProblemHttpResult? problem) => (_value, Raw, Problem) = (value, raw, problem);

    public T Value => _value ?? throw new InvalidOperationException($"The body was refused ({Problem?.ProblemDetails.Detail}); the route's filter answers it.");

    /// <summary>The bytes as sent (an <c>Idempotency-Key</c> is bound to them).</summary>
    public byte[] Raw { get; }

    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<JsonBodyLimit>()
            ?? throw new InvalidOperationException($"{context.GetEndpoint()?.DisplayName}: a JsonBody<{typeof(T).Name}> needs .AcceptsJsonBody<{typeof(T).Name}>(limit) on its route.");
        var reader = context.RequestServices.GetRequiredService<JsonRequestBody>();
        var (raw, problem) = await reader.ReadAsync(context.Request, limit.MaxBytes, context.RequestAborted);
        if (problem is not null)
        {
            return new JsonBody<T>(null, [], problem);
        }

        var (value, invalid) = reader.Deserialize<T>(raw);
        return new JsonBody<T>(value, raw!, invalid);
    }
}

public interface IJsonBody
{
    ProblemHttpResult? Problem { get; }
}

/// <summary>The largest body a route takes, in bytes.</summary>
public sealed record JsonBodyLimit(int MaxBytes)
{
    /// <summary>Sign-in, a token, a period: a few fields.</summary>
    public const int Small = 8 * 1024;

    /// <summary>An account or a provider.</summary>
    public const int Medium = 16 * 1024;

    /// <summary>A staff change, a plan with its items.</summary>
    public const int Large = 32 * 1024;
}

public static class JsonBodyRoutes
{
    /// <summary>
    /// The route takes a <see cref="JsonBody{T}"/> of at most <paramref name="maxBytes"/>: the limit,
    /// the filter that answers a bad body with its problem (415, 413, 400), and the body's
    /// description in the OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonBody<T>(this RouteHandlerBuilder builder, int maxBytes = JsonBodyLimit.Large) where T : class =>
        builder
            .WithMetadata(new JsonBodyLimit(maxBytes))
            .AddEndpointFilter((invocation, next) =>
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument is IJsonBody { Problem: { } problem })
                    {
                        return ValueTask.FromResult<object?>(problem);
                    }
                }

                return next(invocation);
            })
            .AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
                },
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
