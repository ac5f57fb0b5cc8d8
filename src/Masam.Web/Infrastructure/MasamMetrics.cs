using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Masam's own meter (<c>Masam</c>): what the people running it watch besides the HTTP and runtime
/// meters. Names follow OpenTelemetry's conventions; Prometheus sees them with dots as
/// underscores, the unit, and <c>_total</c> on counters (the README lists them). Tags hold only
/// small fixed sets of values: never an id, a phone number or an address.
/// </summary>
public sealed class MasamMetrics
{
    public const string MeterName = "Masam";

    private readonly Counter<long> _submissions;
    private readonly Histogram<int> _writerBatch;
    private readonly Histogram<double> _writerCommit;
    private readonly Histogram<double> _aggregationDuration;
    private readonly Counter<long> _aggregationCells;
    private readonly Counter<long> _jobFailures;
    private readonly Counter<long> _publications;
    private readonly Histogram<double> _publicationDuration;
    private readonly Counter<long> _outbound;
    private readonly Counter<long> _integrityFailures;
    private readonly Counter<long> _backups;
    private readonly Counter<long> _jobRuns;
    private Func<(DateTime At, bool Succeeded)?>? _lastBackup;

    public MasamMetrics(IMeterFactory meters, Microsoft.Extensions.Options.IOptions<MetricsOptions> options)
    {
        var meter = meters.Create(options.Value.MeterName);
        _submissions = meter.CreateCounter<long>("masam.feedback.submissions", "{submission}",
            "Feedback submissions by channel and outcome (accepted, refused), with the field that refused it.");
        _writerBatch = meter.CreateHistogram<int>("masam.writer.batch.size", "{submission}", "Submissions written in one transaction by the feedback writer.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _writerCommit = meter.CreateHistogram<double>("masam.writer.commit.duration", "s", "Time to write and commit one batch of submissions.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _aggregationDuration = meter.CreateHistogram<double>("masam.aggregation.duration", "s", "Time of one aggregation run, by kind (full, incremental).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });
        _aggregationCells = meter.CreateCounter<long>("masam.aggregation.cells", "{cell}", "Cells written by aggregation runs, by kind.");
        _jobFailures = meter.CreateCounter<long>("masam.jobs.failures", "{failure}", "Background job attempts that failed, by job.");
        _publications = meter.CreateCounter<long>("masam.publications.generated", "{publication}", "Report editions drafted.");
        _publicationDuration = meter.CreateHistogram<double>("masam.publications.generation.duration", "s", "Time to draft one edition's files.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        _outbound = meter.CreateCounter<long>("masam.outbound.messages", "{message}", "Messages to citizens (SMS, e-mail) by channel and the state they reached.");
        _integrityFailures = meter.CreateCounter<long>("masam.integrity.failures", "{check}", "Integrity checks that found damage, by check (publications, audit).");
        _backups = meter.CreateCounter<long>("masam.backups", "{backup}", "Backups made by the schedule, by outcome (succeeded, failed).");
        _jobRuns = meter.CreateCounter<long>("masam.jobs.runs", "{run}", "Background job attempts, by job and outcome (succeeded, failed, canceled).");
        meter.CreateObservableGauge<double>("masam.backup.last.time", LastBackup, "s", "When the latest backup (scheduled or by the command) was recorded, as Unix time, by its outcome: alert when now minus this grows past a day.");
    }

    public void SubmissionAccepted(string channel) =>
        _submissions.Add(1, new TagList { { "channel", channel }, { "outcome", "accepted" } });

    public void SubmissionRefused(string channel, string reason) =>
        _submissions.Add(1, new TagList { { "channel", channel }, { "outcome", "refused" }, { "reason", reason } });

    public void WriterBatch(int size, TimeSpan commit)
    {
        _writerBatch.Record(size);
        _writerCommit.Record(commit.TotalSeconds);
    }

    public void AggregationRun(string kind, TimeSpan duration, long cells)
    {
        _aggregationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        _aggregationCells.Add(cells, new KeyValuePair<string, object?>("kind", kind));
    }

    public void JobFailed(string job) => _jobFailures.Add(1, new KeyValuePair<string, object?>("job", job));

    public void JobRan(string job, string outcome) =>
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<double>> LastBackup() => _lastBackup?.Invoke() is { } last
        ? [new Measurement<double>(new DateTimeOffset(last.At, TimeSpan.Zero).ToUnixTimeSeconds(), new KeyValuePair<string, object?>("outcome", last.Succeeded ? "succeeded" : "failed"))]
        : [];

    /// <summary>Where the latest backup's time and outcome are read from at each scrape (the audit log, which the command writes too).</summary>
    public void ReadLastBackupFrom(Func<(DateTime At, bool Succeeded)?> latest) => _lastBackup = latest;

    public void PublicationGenerated(TimeSpan duration)
    {
        _publications.Add(1);
        _publicationDuration.Record(duration.TotalSeconds);
    }

    public void OutboundMessage(string channel, string state) =>
        _outbound.Add(1, new TagList { { "channel", channel }, { "state", state } });

    public void IntegrityFailure(string check) => _integrityFailures.Add(1, new KeyValuePair<string, object?>("check", check));

    public void Backup(bool succeeded) => _backups.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}
