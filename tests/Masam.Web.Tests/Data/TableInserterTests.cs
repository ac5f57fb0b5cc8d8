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
            TrackingCode = TrackingCode.New(), ProviderId = provider, ServiceLineCode = "tax", Score = 4,
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
}
