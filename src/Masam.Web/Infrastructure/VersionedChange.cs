using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Infrastructure;

/// <summary>A record staff change with optimistic concurrency: every save names the version it was made against.</summary>
public interface IVersioned
{
    int Version { get; set; }
    DateTime UpdatedAt { get; set; }
}

/// <summary>
/// How every versioned staff change runs, whatever the record: it must be given a version, be found
/// within the account's scope (<paramref name="target"/> is already filtered to it), match that
/// version, pass the change's own rules, and is then saved with a raised version and an audit entry
/// in one transaction. A concurrent save in between is caught by the version token and answered as
/// stale, with the version that won.
/// </summary>
public sealed class VersionedChange(MasamDbContext db, AuditTrail audit, TimeProvider clock, IStringLocalizer text)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Stores a new record and its audit entry together (the audit needs the record's id, so two
    /// saves, in one transaction unless the caller already has one).
    /// </summary>
    public async Task<ChangeOutcome> CreateAsync<T>(T record, string auditAction, string entityType,
        Func<T, int> idOf, Func<T, object> snapshot, CancellationToken ct) where T : class
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Add(record);
        await db.SaveChangesAsync(ct);
        audit.Record(auditAction, entityType, idOf(record).ToString(System.Globalization.CultureInfo.InvariantCulture), null, snapshot(record));
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return ChangeOutcome.Created(idOf(record));
    }

    /// <param name="apply">Changes the record; adds field errors, or returns why its state refuses the change.</param>
    /// <param name="snapshot">What the audit log keeps of the record, before and after.</param>
    public async Task<ChangeOutcome> RunAsync<T>(IQueryable<T> target, int? version, string auditAction, string entityType,
        Func<T, string> idOf, Func<T, object> snapshot, Func<T, FieldErrors, Task<string?>> apply, CancellationToken ct)
        where T : class, IVersioned
    {
        var errors = new FieldErrors();
        if (version is null)
        {
            errors.Add("version", text["error.review.version"]);
            return ChangeOutcome.Invalid(errors);
        }

        var record = await target.AsTracking().FirstOrDefaultAsync(ct);
        if (record is null) return ChangeOutcome.NotFound;
        if (record.Version != version) return ChangeOutcome.Stale(record.Version);

        var before = snapshot(record);
        var refusal = await apply(record, errors);
        if (errors.Any) return ChangeOutcome.Invalid(errors);
        if (refusal is not null) return ChangeOutcome.Refused(refusal);

        record.Version++;
        record.UpdatedAt = Now;
        audit.Record(auditAction, entityType, idOf(record), before, snapshot(record));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(record);
            await entry.ReloadAsync(ct);
            return ChangeOutcome.Stale(record.Version);
        }

        return ChangeOutcome.Done;
    }
}
