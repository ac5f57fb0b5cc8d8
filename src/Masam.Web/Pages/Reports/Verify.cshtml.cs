using System.Text.RegularExpressions;
using Masam.Web.Features.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Reports;

/// <summary>
/// Checks a downloaded file: by its SHA-256, or by the file itself (hashed here, not kept). Says
/// which publication it belongs to and whether that is current or superseded; a changed file
/// matches nothing.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Masam.Web.Infrastructure.RateLimiting.DownloadsPolicy)]
[RequestSizeLimit(PublicationCatalogue.MaxVerifyBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = PublicationCatalogue.MaxVerifyBytes)]
public sealed partial class VerifyModel(PublicationCatalogue catalogue) : PageModel
{
    public Verification? Result { get; private set; }
    public string? Problem { get; private set; }
    public string? Entered { get; private set; }

    /// <summary>The largest file a check takes, in bytes.</summary>
    public long Limit { get; private set; } = PublicationCatalogue.MaxVerifyBytes;

    public async Task<IActionResult> OnGetAsync(string? sha256, CancellationToken ct)
    {
        Entered = sha256?.Trim();
        if (string.IsNullOrEmpty(Entered))
        {
            return Page();
        }

        if (!Hex().IsMatch(Entered))
        {
            Problem = "error.publication.sha256";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = await catalogue.VerifyAsync(Entered.ToLowerInvariant(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Problem = "error.publication.file";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // No published file is larger than the largest one: a larger upload cannot match.
        Limit = await catalogue.VerifyLimitAsync(ct);
        await using var stream = file.OpenReadStream();
        var sha256 = file.Length > Limit ? null : await PublicationCatalogue.HashAsync(stream, Limit, ct);
        if (sha256 is null)
        {
            Problem = "error.publication.fileTooLarge";
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        Entered = sha256;
        Result = await catalogue.VerifyAsync(sha256, ct);
        return Page();
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Hex();
}
