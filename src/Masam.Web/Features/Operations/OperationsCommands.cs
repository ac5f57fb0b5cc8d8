using System.Diagnostics;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Commands run instead of the web server, before the database is touched:
/// <c>dotnet run --project src/Masam.Web -- backup --to DIR [--allow-plain-keys]</c> (while the app runs) and
/// <c>dotnet run --project src/Masam.Web -- restore --from DIR [--force]</c> (with the app stopped).
/// Exit code 0 when done, 1 when refused or failed (with the reason on stderr), 2 for a wrong command line.
/// </summary>
public static class OperationsCommands
{
    public static bool IsCommand(string[] args) => CommandLine.Verb(args) is "backup" or "restore";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var backup = CommandLine.Verb(args) == "backup";
        if (CommandLine.FlagNotLast(args) is { } flag)
        {
            error.WriteLine($"{flag} must come after every setting (it takes the next argument as its value otherwise): {string.Join(' ', CommandLine.Flags)} go last.");
            return 2;
        }

        var folder = CommandLine.Option(args, backup ? "--to" : "--from");
        if (folder is null)
        {
            error.WriteLine(backup ? "Usage: backup --to DIR [--allow-plain-keys] (a new or empty folder)" : "Usage: restore --from DIR [--force]");
            return 2;
        }

        try
        {
            return backup
                ? await BackupAsync(services, folder, args.Contains("--allow-plain-keys"), output)
                : await RestoreAsync(services, folder, args.Contains("--force"), output, error);
        }
        catch (BackupException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string folder, bool allowPlainKeys, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var manifest = await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(folder, allowPlainKeys, CancellationToken.None);
        var path = Path.GetFullPath(folder);
        await scope.ServiceProvider.GetRequiredService<BackupHistory>().RecordAsync(BackupResult.Of(path, manifest, watch.Elapsed), CancellationToken.None);
        output.WriteLine($"Backup written to {path}: {manifest.Files.Count} files, {manifest.Bytes:N0} bytes, in {watch.Elapsed.TotalSeconds:0.0} s " +
            "(folders 0700, files 0600: readable by this account only).");
        output.WriteLine($"High-water marks: feedback {manifest.Marks.LastFeedbackId}, audit entry {manifest.Marks.LastAuditSequence}, publication {manifest.Marks.LastPublicationId}.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string folder, bool force, TextWriter output, TextWriter error)
    {
        BackupManifest manifest;
        await using (var scope = services.CreateAsyncScope())
        {
            manifest = await scope.ServiceProvider.GetRequiredService<BackupRestore>().RestoreAsync(folder, force, CancellationToken.None);
        }

        output.WriteLine($"Restored the backup of {manifest.CreatedAt:u} ({manifest.Files.Count} files): feedback up to {manifest.Marks.LastFeedbackId}, " +
            $"audit entries up to {manifest.Marks.LastAuditSequence}, publications up to {manifest.Marks.LastPublicationId}.");
        await using (var scope = services.CreateAsyncScope())
        {
            var audit = await AuditVerification.RunAsync(scope.ServiceProvider.GetRequiredService<MasamDbContext>(), CancellationToken.None);
            if (!audit.Valid)
            {
                error.WriteLine($"The restored audit chain is broken at entry {audit.FirstBadSequence}: {audit.Problem}.");
                return 1;
            }

            output.WriteLine($"Audit chain intact: {audit.EntriesChecked} entries.");
        }

        return 0;
    }
}
