using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Operations;
using Masam.Web.Features.Publications;
using Masam.Web.Tests.Features.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Operations;

/// <summary>
/// A backup of a running installation under a load of submissions, restored into a new place: an
/// app started there has every submission acknowledged before the backup began, exactly the rows
/// up to the backup's high-water mark, an intact audit chain, and its published files whole. On
/// SQLite through the online backup API; in the PostgreSQL pass through pg_dump and pg_restore.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly MasamAppFactory _live = new();
    private readonly MasamAppFactory _restored = MasamAppFactory.Empty();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "masam-tests", $"backup-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _live.Dispose();
        _restored.Dispose();
        if (Directory.Exists(_backup)) Directory.Delete(_backup, recursive: true);
    }

    [Fact]
    public async Task ABackupTakenUnderLoad_RestoresIntoAnAppWithEverythingAcknowledgedBeforeIt()
    {
        await PublicationSteps.ArrangeZavkhanQ1Async(_live);
        await _live.CreateStaffAsync("zavkhan@masam.test", StaffRoles.LocalOfficial, units: ["181"]);
        var official = await _live.ClientForAsync("zavkhan@masam.test");
        await PublicationSteps.PublishAsync(official, await PublicationSteps.DraftAsync(official, new { period = "2026-Q1", adminUnit = "181" }));
        var provider = await _live.AddProviderAsync("MN18101");

        // Four clients submit without pause; each acknowledgement is noted in order.
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var client = _live.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var response = await client.SendAsync(Submit(new { providerId = provider, score = 3, comment = "Ачаалал дор өгсөн санал" }));
                response.EnsureSuccessStatusCode();
                acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
            }
        })).ToList();
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(acknowledged.Count >= 60)));

        var beforeBackup = acknowledged.ToArray();
        BackupManifest manifest;
        await using (var scope = _live.Services.CreateAsyncScope())
        {
            manifest = await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(_backup, allowPlainKeys: true, CancellationToken.None);
        }

        var atBackup = acknowledged.Count;
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(acknowledged.Count >= atBackup + 20)), "the load went on after the backup");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var expectedRows = await _live.WithDbAsync(db => db.Feedback.CountAsync(f => f.Id <= manifest.Marks.LastFeedbackId));
        Assert.True(manifest.Marks.LastFeedbackId > 0 && manifest.Marks.LastAuditSequence > 0 && manifest.Marks.LastPublicationId > 0);
        Assert.Contains(manifest.Files, f => f.Path == (_live.IsPostgres ? DataLocations.PostgresInBackup : DataLocations.SqliteInBackup));
        Assert.Contains(manifest.Files, f => f.Path.StartsWith("reports/published/", StringComparison.Ordinal));
        Assert.Empty(await manifest.VerifyAsync(_backup, CancellationToken.None));

        var restore = new BackupRestore(DataLocations.From(_restored.Configuration(), _restored.Folder), Options.Create(new BackupOptions()), NullLogger<BackupRestore>.Instance);
        await restore.RestoreAsync(_backup, force: false, CancellationToken.None);

        // The restored app starts (its start migrates and seeds what is missing: nothing) and holds the backup's moment.
        var stored = await _restored.WithDbAsync(db => db.Feedback.Select(f => f.TrackingCode).ToListAsync());
        // Codes are shown in groups of four (XXXX-XXXX-XXXX) and stored without the dashes.
        Assert.Empty(beforeBackup.Select(c => c.Replace("-", "", StringComparison.Ordinal)).Except(stored));
        Assert.Equal(expectedRows, stored.Count);
        Assert.Equal(manifest.Marks.LastFeedbackId, await _restored.WithDbAsync(db => db.Feedback.MaxAsync(f => f.Id)));
        var audit = await _restored.WithDbAsync(db => AuditVerification.RunAsync(db, CancellationToken.None));
        Assert.True(audit.Valid, audit.Problem);
        Assert.True(audit.EntriesChecked >= manifest.Marks.LastAuditSequence);
        await using (var scope = _restored.Services.CreateAsyncScope())
        {
            var check = await scope.ServiceProvider.GetRequiredService<PublicationCatalogue>().CheckAsync(CancellationToken.None);
            Assert.True(check.Intact, $"damaged: {string.Join(", ", check.DamagedFiles)}");
            Assert.True(check.Files > 0);
        }

        // Nothing was acknowledged twice, and the restored app takes new submissions after the restored ones.
        var next = await _restored.CreateClient().SendAsync(Submit(new { providerId = provider, score = 5 }));
        next.EnsureSuccessStatusCode();
        Assert.True(await _restored.WithDbAsync(db => db.Feedback.MaxAsync(f => f.Id)) > manifest.Marks.LastFeedbackId);
    }
}
