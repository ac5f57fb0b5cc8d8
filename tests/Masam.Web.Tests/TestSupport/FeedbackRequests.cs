using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Masam.Web.Tests;

/// <summary>Builds submissions the way clients send them.</summary>
public static class FeedbackRequests
{
    public static HttpRequestMessage Submit(object body, string? idempotencyKey = null) =>
        SubmitRaw(JsonSerializer.Serialize(body), "application/json", idempotencyKey);

    public static HttpRequestMessage SubmitRaw(string body, string contentType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
