using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Data;

public sealed class TableInserterTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Insert_WritesWhatEfReadsBack_WithConvertersAndGeneratedKey()
    {
        var provider = await _factory.AddProviderAsync(serviceLines: ["tax"]);
        var receivedAt = new DateTime(2026, 3, 8, 23, 59, 58, 123, DateTimeKind.Utc);
        var row = new FeedbackItem
        {
            TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = "181", ServiceLineCode = "tax", Score = 4,
            Comment = "Өө Үү ₮", Channel = FeedbackChannel.Kiosk, Gender = Gender.Other, AgeBand = AgeBand.From55To64,
            HasDisability = null, HerderHousehold = true, Status = FeedbackStatus.InProgress,
            ReceivedAt = receivedAt, UpdatedAt = receivedAt,
        };

        await _factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var inserter = await TableInserter<FeedbackItem>.PrepareAsync(db, default);
            await inserter.InsertAsync(row, default);
            await transaction.CommitAsync();
        });

        Assert.True(row.Id > 0);
        var stored = await _factory.WithDbAsync(db => db.Feedback.AsNoTracking().SingleAsync(f => f.Id == row.Id));
        Assert.Equivalent(row, stored, strict: true);
    }

    [Fact]
    public async Task InsertAll_WithoutReadingKeys_StoresEveryRowAsEfReadsItBack()
    {
        var provider = await _factory.AddProviderAsync(serviceLines: ["tax"]);
        var at = new DateTime(2026, 3, 8, 23, 59, 58, 123, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 50).Select(i => new FeedbackItem
        {
            TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = "181", ServiceLineCode = i % 2 == 0 ? "tax" : null, Score = 1 + i % 5,
            Comment = i == 0 ? "Өө Үү ₮" : null, Channel = FeedbackChannel.Sms, Gender = i % 3 == 0 ? Gender.Female : null,
            AgeBand = AgeBand.From25To34, HasDisability = i % 4 == 0, HerderHousehold = null, Status = FeedbackStatus.Received,
            ReceivedAt = at.AddMinutes(i), UpdatedAt = at.AddMinutes(i), ReceivedMonth = new DateOnly(2026, 3, 1),
        }).ToList();

        var written = await _factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var count = await TableInserter<FeedbackItem>.InsertAllAsync(db, rows, default, readKeys: false);
            await transaction.CommitAsync();
            return count;
        });

        Assert.Equal(50, written);
        var stored = await _factory.WithDbAsync(db => db.Feedback.AsNoTracking().OrderBy(f => f.ReceivedAt).ToListAsync());
        Assert.Equal(50, stored.Count);
        Assert.All(stored, f => Assert.True(f.Id > 0));
        foreach (var (expected, actual) in rows.Zip(stored))
        {
            expected.Id = actual.Id;
            Assert.Equivalent(expected, actual, strict: true);
        }
    }

    [Masam.Tests.Shared.PostgresFact]
    public async Task CopyWithKeys_OnPostgres_GivesEachRowTheIdItIsStoredUnder_AndTheNextInsertAFreshOne()
    {
        using var postgres = MasamAppFactory.OnPostgres();
        var provider = await postgres.AddProviderAsync();
        var at = new DateTime(2026, 3, 8, 4, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 20).Select(i => new FeedbackItem
        {
            TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = "181", Score = 1 + i % 5, Channel = FeedbackChannel.Web,
            Status = FeedbackStatus.Received, ReceivedAt = at.AddMinutes(i), UpdatedAt = at, ReceivedMonth = new DateOnly(2026, 3, 1),
        }).ToList();

        await postgres.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await TableInserter<FeedbackItem>.CopyWithKeysAsync(db, (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), rows, default);
            await transaction.CommitAsync();
        });

        Assert.Equal(20, rows.Select(r => r.Id).Distinct().Count());
        var stored = await postgres.WithDbAsync(db => db.Feedback.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.TrackingCode));
        Assert.All(rows, r => Assert.Equal(r.TrackingCode, stored[r.Id]));
        var next = await postgres.WithDbAsync(async db =>
        {
            var item = new FeedbackItem
            {
                TrackingCode = TrackingCodes.New(), ProviderId = provider, AimagCode = "181", Score = 3, Channel = FeedbackChannel.Web,
                ReceivedAt = at, UpdatedAt = at, ReceivedMonth = new DateOnly(2026, 3, 1),
            };
            db.Feedback.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        Assert.True(next > rows.Max(r => r.Id));
    }
}
