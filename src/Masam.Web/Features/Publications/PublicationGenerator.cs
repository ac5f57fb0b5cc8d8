using Masam.Reporting;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The background job that drafts a publication: builds the report model from the stored figures,
/// writes every file (XLSX and PDF in Mongolian and English, a CSV per table, JSON) into the draft
/// folder with its SHA-256, and records its progress as it goes, for the page and the API.
/// </summary>
public sealed class PublicationGenerator(
    MasamDbContext db, ReportModelBuilder builder, Figures.FeedbackAggregation aggregation, IOptions<PublicationOptions> options,
    IHostEnvironment environment, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<PublicationGenerator> logger)
{
    public async Task GenerateAsync(int publicationId, CancellationToken ct)
    {
        var publication = await db.Publications.Include(p => p.Files).AsTracking().FirstOrDefaultAsync(p => p.Id == publicationId, ct);
        if (publication is null || publication.Status is not (PublicationStatus.Queued or PublicationStatus.Generating))
        {
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await ReportAsync(publication, PublicationStatus.Generating, 5, ct);
            // A period that has just ended is published by the next aggregation run: make sure that run has happened.
            var period = Figures.FigurePeriod.Parse(publication.Period)!;
            await aggregation.EnsureCountedAsync(period.EndUtc, ct);
            var model = await builder.BuildAsync(publication, ct);
            publication.MethodVersion = model.Header.MethodVersion;
            await ReportAsync(publication, PublicationStatus.Generating, 15, ct);

            var folder = DraftFolder(publication.Id);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            publication.Files.Clear();
            var name = BaseName(publication);
            var steps = new List<(string FileName, string Format, string? Language, Func<Stream, Task> Write)>
            {
                ($"{name}-mn.xlsx", "xlsx", "mn", s => Task.Run(() => XlsxReportWriter.Write(model, "mn", s), ct)),
                ($"{name}-en.xlsx", "xlsx", "en", s => Task.Run(() => XlsxReportWriter.Write(model, "en", s), ct)),
                ($"{name}-mn.pdf", "pdf", "mn", s => Task.Run(() => PdfReportWriter.Write(model, "mn", s), ct)),
                ($"{name}-en.pdf", "pdf", "en", s => Task.Run(() => PdfReportWriter.Write(model, "en", s), ct)),
                ($"{name}.json", "json", null, s => s.WriteAsync(JsonReportWriter.Write(model), ct).AsTask()),
            };
            steps.AddRange(ReportTables.For(model, new ReportText("mn"))
                .Select(t => ($"{name}-{t.Name.Replace('_', '-')}.csv", "csv", (string?)"mn", (Func<Stream, Task>)(s => Task.Run(() => CsvReportWriter.Write(t, s), ct)))));

            for (var i = 0; i < steps.Count; i++)
            {
                var (fileName, format, language, write) = steps[i];
                using var buffer = new MemoryStream();
                await write(buffer);
                var bytes = buffer.ToArray();
                await File.WriteAllBytesAsync(Path.Combine(folder, fileName), bytes, ct);
                publication.Files.Add(new PublicationFile
                {
                    FileName = fileName, Format = format, Language = language, Size = bytes.Length, Sha256 = PublicationChain.Sha256(bytes),
                });
                await ReportAsync(publication, PublicationStatus.Generating, 15 + 85 * (i + 1) / steps.Count - 1, ct);
            }

            publication.GeneratedAt = clock.GetUtcNow().UtcDateTime;
            await ReportAsync(publication, PublicationStatus.Draft, 100, ct);
            metrics.PublicationGenerated(watch.Elapsed);
            logger.LogInformation("Drafted publication {Id} ({Period}, {Unit}) with {Files} files", publication.Id, publication.Period,
                publication.AdminUnitCode ?? "national", publication.Files.Count);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Drafting publication {Id} failed", publication.Id);
            publication.Error = failure.Message.Length > PublicationLimits.ErrorLength ? failure.Message[..PublicationLimits.ErrorLength] : failure.Message;
            await ReportAsync(publication, PublicationStatus.Failed, publication.Progress, CancellationToken.None);
        }
    }

    public string DraftFolder(int id) => Path.Combine(Root(options.Value.DraftPath), id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Root(string configured) => Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);

    /// <summary><c>masam-181-2026-q1-e1</c>, <c>masam-national-2026-e2</c>: stable and readable.</summary>
    public static string BaseName(Publication p) =>
        $"masam-{(p.AdminUnitCode ?? "national").ToLowerInvariant()}-{p.Period.ToLowerInvariant()}-e{p.Edition}";

    private async Task ReportAsync(Publication publication, PublicationStatus status, int progress, CancellationToken ct)
    {
        (publication.Status, publication.Progress, publication.UpdatedAt) = (status, Math.Clamp(progress, 0, 100), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
