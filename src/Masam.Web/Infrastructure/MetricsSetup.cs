using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Masam.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics: ASP.NET Core's and the runtime's meters and Masam's own
/// (<see cref="MasamMetrics"/>), served in Prometheus' text format at <c>/metrics</c> to the
/// addresses in <c>Masam:Metrics:AllowedAddresses</c> only (loopback unless set: the scraper runs
/// on the host, or its address is added), and sent over OTLP when an endpoint is configured.
/// </summary>
public static class MetricsSetup
{
    public static IServiceCollection AddMasamMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MasamMetrics>();
        var options = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("masam", serviceVersion: typeof(MetricsSetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(options.MeterName).AddPrometheusExporter();
                if (options.OtlpEndpoint is { Length: > 0 } endpoint)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint));
                }
            });
        return services;
    }

    /// <summary>Refuses a metrics request from an address not on the list, before the exporter sees it.</summary>
    public static WebApplication UseMetricsAllowList(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var allowed = options.Entries.Select(AddressList.Network).ToList();
        app.UseWhen(context => context.Request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is not null && remote.IsIPv4MappedToIPv6)
            {
                remote = remote.MapToIPv4();
            }

            if (remote is null || !allowed.Any(network => network.Contains(remote)))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are not served to this address",
                    detail: $"{options.Path} answers only the monitoring addresses in Masam:Metrics:AllowedAddresses; {remote?.ToString() ?? "an unknown address"} is not one of them.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        }));
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Path).AllowAnonymous();
        }

        return app;
    }
}

/// <summary>The <c>Masam:Metrics</c> section.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Masam:Metrics";

    /// <summary>Collect and serve metrics (off: no meter is listened to, and <see cref="Path"/> is not served).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The name of Masam's own meter. Listeners match meters by name across the whole process, so
    /// when several apps share one (the tests) each gets its own name; the series' names do not change.
    /// </summary>
    [Required]
    public string MeterName { get; set; } = MasamMetrics.MeterName;

    /// <summary>Where Prometheus scrapes.</summary>
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string Path { get; set; } = "/metrics";

    /// <summary>The addresses (<c>10.0.0.7</c>) or networks (<c>10.0.0.0/24</c>) allowed to read the metrics; loopback when empty.</summary>
    public string[] AllowedAddresses { get; set; } = [];

    /// <summary>An OTLP collector (<c>http://collector:4317</c>) to send the metrics to as well; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The allowed networks: the configured ones, or loopback (IPv4 and IPv6).</summary>
    public IEnumerable<string> Entries => AddressList.Entries(AllowedAddresses).DefaultIfEmpty("127.0.0.0/8").Append("::1/128").Distinct();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in AddressList.Entries(AllowedAddresses).Where(e => !AddressList.IsValid(e)))
        {
            yield return new ValidationResult(AddressList.Invalid(nameof(AllowedAddresses), entry), [nameof(AllowedAddresses)]);
        }

        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"OtlpEndpoint: '{OtlpEndpoint}' is not an absolute address (http://collector:4317).", [nameof(OtlpEndpoint)]);
        }
    }
}
