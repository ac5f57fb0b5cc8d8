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
/// <remarks>
/// A run first claims the publication (one conditional update: queued, or generating with a lapsed
/// claim) and renews the claim while it works, so that of every run started for it (the queued job,
/// Hangfire's retry of an interrupted one, <see cref="PublicationRecovery"/>'s) one generates at a
/// time, on any node, and a run stopped halfway (a restart, a deploy, kill -9) is taken over once its
/// claim lapses. Files are written into a folder of the run's own and moved into place at the end,
/// so that a run that lost its claim never mixes its files with the one that took over.
/// </remarks>
public sealed class PublicationGenerator(
    MasamDbContext db, IServiceScopeFactory scopes, ReportModelBuilder builder, Figures.FeedbackAggregation aggregation, IOptions<PublicationOptions> options,
    IHostEnvironment environment, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<PublicationGenerator> logger)
{
    public async Task GenerateAsync(int publicationId, CancellationToken ct)
    {
        if (await ClaimAsync(publicationId, ct) is not { } claim)
        {
            return;
        }

        var publication = await db.Publications.Include(p => p.Files).AsTracking().FirstAsync(p => p.Id == publicationId, ct);
        // The caller's context may hold it from before the claim (the demo's), with the version the claim replaced.
        await db.Entry(publication).ReloadAsync(ct);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = KeepClaimAsync(publicationId, claim, lost);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var work = Path.Combine(Root(options.Value.DraftPath), $".{publicationId}-{claim}");
        try
        {
            await ReportAsync(publication, PublicationStatus.Generating, 5, lost.Token);
            // A period that has just ended is published by the next aggregation run: make sure that run has happened.
            var period = Figures.FigurePeriod.Parse(publication.Period)!;
            await aggregation.EnsureCountedAsync(period.EndUtc, lost.Token);
            var model = await builder.BuildAsync(publication, lost.Token);
            publication.MethodVersion = model.Header.MethodVersion;
            await ReportAsync(publication, PublicationStatus.Generating, 15, lost.Token);

            // Runs before this one lost their claim: what a killed one had half written goes.
            foreach (var earlier in Directory.CreateDirectory(Root(options.Value.DraftPath)).EnumerateDirectories($".{publicationId}-*").Select(d => d.FullName))
            {
                Directory.Delete(earlier, recursive: true);
            }

            Directory.CreateDirectory(work);
            publication.Files.Clear();
            var steps = Steps(model, BaseName(publication), lost.Token);
            for (var i = 0; i < steps.Count; i++)
            {
                var (fileName, format, language, write) = steps[i];
                using var buffer = new MemoryStream();
                await write(buffer);
                var bytes = buffer.ToArray();
                await File.WriteAllBytesAsync(Path.Combine(work, fileName), bytes, lost.Token);
                publication.Files.Add(new PublicationFile
                {
                    FileName = fileName, Format = format, Language = language, Size = bytes.Length, Sha256 = PublicationChain.Sha256(bytes),
                });
                await ReportAsync(publication, PublicationStatus.Generating, 15 + 85 * (i + 1) / steps.Count - 1, lost.Token);
            }

            // In place first, then recorded: a run stopped between the two leaves a generating draft,
            // which the next run makes again; never a draft whose files are not there.
            var folder = DraftFolder(publication.Id);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(work, folder);
            publication.GeneratedAt = clock.GetUtcNow().UtcDateTime;
            await ReportAsync(publication, PublicationStatus.Draft, 100, lost.Token);
            metrics.PublicationGenerated(watch.Elapsed);
            logger.LogInformation("Drafted publication {Id} ({Period}, {Unit}) with {Files} files", publication.Id, publication.Period,
                publication.AdminUnitCode ?? "national", publication.Files.Count);
        }
        catch (Exception lostClaim) when (lostClaim is DbUpdateConcurrencyException || (lostClaim is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Drafting publication {Id} stopped: another run took it over", publicationId);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Drafting publication {Id} failed", publication.Id);
            publication.Error = failure.Message.Length > PublicationLimits.ErrorLength ? failure.Message[..PublicationLimits.ErrorLength] : failure.Message;
            await ReportAsync(publication, PublicationStatus.Failed, publication.Progress, CancellationToken.None);
        }
        finally
        {
            await lost.CancelAsync();
            await heartbeat;
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Takes the publication for this run if it is queued, or generating under a claim that has lapsed;
    /// the claim is the new version. Null when it is not to be generated, or another run holds it.
    /// </summary>
    private async Task<int?> ClaimAsync(int publicationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lapsed = now - options.Value.GenerationLease;
        var claimed = await db.Publications
            .Where(p => p.Id == publicationId && (p.Status == PublicationStatus.Queued || (p.Status == PublicationStatus.Generating && p.UpdatedAt < lapsed)))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PublicationStatus.Generating).SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.Version, p => p.Version + 1), ct);
        return claimed == 1 ? await db.Publications.Where(p => p.Id == publicationId).Select(p => p.Version).FirstAsync(ct) : null;
    }

    /// <summary>Renews the claim every quarter of the lease while the run works; when another run holds it, stops this one.</summary>
    private async Task KeepClaimAsync(int publicationId, int claim, CancellationTokenSource lost)
    {
        using var timer = new PeriodicTimer(options.Value.GenerationLease / 4, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                var now = clock.GetUtcNow().UtcDateTime;
                var renewed = await scope.ServiceProvider.GetRequiredService<MasamDbContext>().Publications
                    .Where(p => p.Id == publicationId && p.Version == claim && p.Status == PublicationStatus.Generating)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedAt, now), lost.Token);
                if (renewed == 0)
                {
                    await lost.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended, or lost its claim.
        }
    }

    private static List<(string FileName, string Format, string? Language, Func<Stream, Task> Write)> Steps(ReportModel model, string name, CancellationToken ct)
    {
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
        return steps;
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
