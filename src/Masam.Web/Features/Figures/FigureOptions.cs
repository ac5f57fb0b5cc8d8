using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures;

/// <summary>The <c>Masam:Figures</c> section: how published figures are protected, and when they are counted.</summary>
public sealed class FigureOptions
{
    public const string Section = "Masam:Figures";

    /// <summary>A figure of fewer responses than this is hidden. Below 5 a figure points at too few people: the app refuses to start.</summary>
    [Range(5, 1000, ErrorMessage = "Masam:Figures:SuppressionThreshold must be between 5 and 1000: a figure of fewer than 5 responses points at too few people to publish.")]
    public int SuppressionThreshold { get; set; } = 10;

    /// <summary>
    /// Hide more cells so that no small cell can be worked out from the others (see the README's
    /// method section). Off only to see what it protects against, in Development or in the tests:
    /// the app refuses to start with it off anywhere else.
    /// </summary>
    public bool LinkedProtection { get; set; } = true;

    /// <summary>Cron (in Mongolian time) of the incremental aggregation (recounts only what changed).</summary>
    [Required]
    public string AggregationCron { get; set; } = "*/15 * * * *";

    /// <summary>Cron (in Mongolian time) of the nightly full recount.</summary>
    [Required]
    public string FullAggregationCron { get; set; } = "30 2 * * *";

    /// <summary>Queue a full aggregation at start-up when no figures exist yet (a fresh install).</summary>
    public bool AggregateOnStart { get; set; } = true;

    /// <summary>The method's name as recorded on every aggregation run and publication.</summary>
    public string Method => LinkedProtection ? $"linked-suppression-{SuppressionThreshold}" : $"primary-suppression-{SuppressionThreshold}";
}

/// <summary>Refuses to start with linked protection off outside Development and the tests.</summary>
internal sealed class FigureOptionsValidation(IHostEnvironment environment) : IValidateOptions<FigureOptions>
{
    public ValidateOptionsResult Validate(string? name, FigureOptions options) =>
        options.LinkedProtection || environment.IsDevelopment() || environment.IsEnvironment("Testing")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Masam:Figures:LinkedProtection is off: published figures could then be subtracted from one another to reveal a hidden one. It may be turned off only in Development or in the tests.");
}
