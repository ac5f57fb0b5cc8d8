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
}
