using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Brotli or gzip, as the client accepts, for what is large and carries no secret: the stylesheet,
/// scripts, SVG, and the API's and the feed's JSON, XML and CSV (an OData page of figures shrinks
/// several times over a slow rural link). HTML pages are left as they are: their forms carry
/// antiforgery tokens beside text the reader sent, which compression over TLS could leak (BREACH),
/// and they are small.
/// </summary>
public static class Compression
{
    public static readonly string[] MimeTypes =
    [
        "text/css", "text/javascript", "application/javascript", "image/svg+xml", "text/plain", "text/csv",
        "application/json", "application/problem+json", "application/schema+json", "application/xml",
    ];

    public static IServiceCollection AddMasamCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        // Fastest: on two cores the CPU is better spent answering; most of the gain comes at this level.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
