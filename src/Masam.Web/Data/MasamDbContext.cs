using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Scorecards;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Data;

/// <summary>
/// The model, shared by every database provider. Each provider has a subclass that owns its own
/// migration set (EF Core cannot serve SQLite and PostgreSQL from one set).
/// </summary>
public abstract class MasamDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ResponseAction> ResponseActions => Set<ResponseAction>();
    public DbSet<ActionUpdate> ActionUpdates => Set<ActionUpdate>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Features.Sms.SmsInbound> SmsInbound => Set<Features.Sms.SmsInbound>();
    public DbSet<Features.Sms.SmsOptOut> SmsOptOuts => Set<Features.Sms.SmsOptOut>();
    public DbSet<Infrastructure.RateWindow> RateWindows => Set<Infrastructure.RateWindow>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<ProviderFollower> ProviderFollowers => Set<ProviderFollower>();
    public DbSet<ScorecardIndicator> ScorecardIndicators => Set<ScorecardIndicator>();
    public DbSet<ScorecardCycle> ScorecardCycles => Set<ScorecardCycle>();
    public DbSet<FocusGroup> FocusGroups => Set<FocusGroup>();
    public DbSet<GroupScore> GroupScores => Set<GroupScore>();
    public DbSet<FeedbackCount> FeedbackCounts => Set<FeedbackCount>();
    public DbSet<AggregationRun> AggregationRuns => Set<AggregationRun>();
    public DbSet<PublishedCell> PublishedCells => Set<PublishedCell>();
    public DbSet<ResponsivenessCount> ResponsivenessCounts => Set<ResponsivenessCount>();
    public DbSet<ActionCount> ActionCounts => Set<ActionCount>();
    public DbSet<ScorecardFigure> ScorecardFigures => Set<ScorecardFigure>();
    public DbSet<Features.Publications.Publication> Publications => Set<Features.Publications.Publication>();
    public DbSet<ScorecardGroupFigure> ScorecardGroupFigures => Set<ScorecardGroupFigure>();
    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<ServiceLine> ServiceLines => Set<ServiceLine>();
    public DbSet<ProviderType> ProviderTypes => Set<ProviderType>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<FeedbackItem> Feedback => Set<FeedbackItem>();
    public DbSet<FeedbackContact> FeedbackContacts => Set<FeedbackContact>();
    public DbSet<FeedbackResponse> FeedbackResponses => Set<FeedbackResponse>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<InstallationSecret> InstallationSecrets => Set<InstallationSecret>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MasamDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Dates are stored in UTC and read back as UTC, whatever the provider returns.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}
