using Microsoft.OpenApi;

namespace Masam.Web.Infrastructure;

public static class JsonBodyDescription
{
    /// <summary>
    /// Describes a JSON body of type <typeparamref name="T"/> in the OpenAPI document. Bodies are
    /// read by <see cref="JsonRequestBody"/> rather than bound, so that a wrong content type or
    /// malformed JSON gets the same explained problem everywhere; the document still needs to say
    /// what to send.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
            },
        })
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
