using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Publications;

/// <summary>
/// A draft whose generation stops halfway (the app stopped mid-generation, or a node killed with the
/// draft marked generating) is generated again after the restart, once, and published.
/// </summary>
public sealed class PublicationRecoveryTests : IDisposable
{
    private const string Lease = "00:00:03";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "masam-tests", Guid.NewGuid().ToString("N"));
    private MasamAppFactory? _first;
    private MasamAppFactory? _second;

    public void Dispose()
    {
        _second?.Dispose();
        _first?.Dispose();
        _first?.RemoveData();
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
    }

    // The demo runs in Development, which makes itself a signing key.
    private (string, string?)[] Settings(bool demo) => demo
        ? [("Masam:Publications:GenerationLease", Lease), ("Masam:SeedDemoData", "true"), ("Masam:Publications:SigningKeyPath", Path.Combine(_keys, "signing-key.pem"))]
        : [("Masam:Publications:GenerationLease", Lease)];

    private MasamAppFactory Start(bool demo) => _first = new MasamAppFactory(Settings(demo)) { Environment = demo ? "Development" : "Testing" };

    /// <summary>Another app on the first one's database and report folders: the same installation, started again.</summary>
    private MasamAppFactory Restart(bool demo)
    {
        var first = _first!.Configuration();
        return _second = new MasamAppFactory([.. Settings(demo),
            ("Database:Provider", first["Database:Provider"]), ("ConnectionStrings:Masam", first["ConnectionStrings:Masam"]),
            ("Masam:Publications:PublishedPath", first["Masam:Publications:PublishedPath"]),
            ("Masam:Publications:DraftPath", first["Masam:Publications:DraftPath"])]) { Environment = _first.Environment };
    }

    private static Task<Publication> PublicationAsync(MasamAppFactory app, int id) =>
        app.WithDbAsync(db => db.Publications.AsNoTracking().Include(p => p.Files).SingleAsync(p => p.Id == id));

    /// <summary>The publications' statuses read from the database itself, while no app runs on it.</summary>
    private async Task<List<string>> StatusesWhileStoppedAsync()
    {
        var settings = _first!.Configuration();
        await using System.Data.Common.DbConnection connection = settings["Database:Provider"] == Masam.Web.Data.DatabaseOptions.Postgres
            ? new Npgsql.NpgsqlConnection(settings["ConnectionStrings:Masam"])
            : new Microsoft.Data.Sqlite.SqliteConnection(settings["ConnectionStrings:Masam"] + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Status\" FROM \"Publications\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync()) statuses.Add(reader.GetString(0));
        return statuses;
    }

    /// <summary>No run's work folder is left among the drafts.</summary>
    private static void AssertNoLeftovers(MasamAppFactory app) =>
        Assert.Empty(Directory.Exists(app.Configuration()["Masam:Publications:DraftPath"])
            ? Directory.EnumerateDirectories(app.Configuration()["Masam:Publications:DraftPath"]!, ".*") : []);

    /// <summary>
    /// Holds the national report's generation once it has written <paramref name="files"/> files, until
    /// the stop cancels it: without it the demo's three reports are out in about a second, and a fast
    /// machine finishes them within the stop's own grace.
    /// </summary>
    private sealed class PauseGeneration(int files) : SaveChangesInterceptor
    {
        private int _paused;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken ct = default)
        {
            var national = eventData.Context!.ChangeTracker.Entries<Publication>().Select(e => e.Entity)
                .FirstOrDefault(p => p is { AdminUnitCode: null, Status: PublicationStatus.Generating } && p.Files.Count == files);
            if (national is not null && Interlocked.Exchange(ref _paused, 1) == 0)
            {
                Reached.SetResult();
                await Task.Delay(Timeout.Infinite, ct); // the stop cancels the job's token, and with it this save
            }

            return result;
        }
    }

    [Fact]
    public async Task TheDemosReports_StoppedMidGeneration_ArePublishedAfterTheRestart_EachOnce()
    {
        var pause = new PauseGeneration(files: 3);
        var first = Start(demo: true);
        first.ConfigureServices = services => services.AddSingleton<IInterceptor>(pause);
        _ = first.Server; // the start seeds the demo and queues its reports
        await pause.Reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await first.StopKeepingDataAsync(); // as Ctrl+C or a deploy would, halfway through writing its files
        var left = await StatusesWhileStoppedAsync();
        Assert.Equal([nameof(PublicationStatus.Generating)], left);

        var restarted = Restart(demo: true);
        Assert.True(await Eventually.WaitAsync(async () => await restarted.WithDbAsync(db => db.Publications.CountAsync(Publication.IsPublic)) == 3),
            "the demo's reports were not published after the restart");

        var reports = await restarted.WithDbAsync(db => db.Publications.AsNoTracking().Include(p => p.Files).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(
            [(null, 1, PublicationStatus.Published), ("181", 1, PublicationStatus.Superseded), ("181", 2, PublicationStatus.Published)],
            reports.Select(r => (r.AdminUnitCode, r.Edition, r.Status)));
        var published = restarted.Configuration()["Masam:Publications:PublishedPath"]!;
        foreach (var file in reports.SelectMany(r => r.Files.Select(f => (r.Id, f.FileName, f.Sha256))))
        {
            var path = Directory.EnumerateFiles(published, file.FileName, SearchOption.AllDirectories).Single();
            Assert.Equal(file.Sha256, PublicationChain.Sha256(await File.ReadAllBytesAsync(path)));
        }

        AssertNoLeftovers(restarted);
        var verification = await restarted.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/publications/{reports[2].Id}");
        Assert.Equal("published", verification.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ADraftLeftGenerating_ByAKilledNode_IsGeneratedAgain_AndItsHalfWrittenFilesGo()
    {
        var first = Start(demo: false);
        await PublicationSteps.ArrangeZavkhanQ1Async(first);
        await first.CreateStaffAsync("analyst@masam.test", StaffRoles.MinistryAnalyst);
        var drafted = await PublicationSteps.DraftAsync(await first.ClientForAsync("analyst@masam.test"), new { period = "2026-Q1" });
        var id = drafted.GetProperty("id").GetInt32();
        // What kill -9 halfway leaves: the draft marked generating a while ago, and part of that run's files in its own folder.
        var drafts = first.Configuration()["Masam:Publications:DraftPath"]!;
        Directory.CreateDirectory(Path.Combine(drafts, $".{id}-1"));
        await File.WriteAllTextAsync(Path.Combine(drafts, $".{id}-1", "half-written.pdf"), "%PDF-1.7 cut");
        await first.WithDbAsync(db => db.Publications.Where(p => p.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Status, PublicationStatus.Generating).SetProperty(p => p.Progress, 40).SetProperty(p => p.UpdatedAt, DateTime.UtcNow.AddHours(-1))));
        await first.StopKeepingDataAsync();

        var restarted = Restart(demo: false);
        _ = restarted.Server;
        Assert.True(await Eventually.WaitAsync(async () => (await PublicationAsync(restarted, id)).Status == PublicationStatus.Draft),
            $"publication {id} is {(await PublicationAsync(restarted, id)).Status} after the restart");
        var publication = await PublicationAsync(restarted, id);
        var folder = Path.Combine(drafts, id.ToString());
        Assert.Equal(publication.Files.Select(f => f.FileName).Order(), Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order());
        foreach (var file in publication.Files)
        {
            Assert.Equal(file.Sha256, PublicationChain.Sha256(await File.ReadAllBytesAsync(Path.Combine(folder, file.FileName))));
        }

        AssertNoLeftovers(restarted);
        var analyst = await restarted.ClientForAsync("analyst@masam.test");
        var draft = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/staff/publications/{id}");
        Assert.Equal("published", (await PublicationSteps.PublishAsync(analyst, draft)).GetProperty("status").GetString());
    }
}
