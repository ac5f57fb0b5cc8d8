using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Features.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpClient Admin, string TargetId)> ArrangeAsync()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        var admin = await _factory.ClientForAsync("admin@test.mn");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "official@test.mn", displayName = "Бат", password = StaffTestAccounts.Password, role = StaffRoles.LocalOfficial, adminUnits = new[] { "181" },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/access", new { role = StaffRoles.LocalOfficial, adminUnits = new[] { "267" } });
        await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null);
        return (admin, id);
    }

    [Fact]
    public async Task StaffChanges_AreRecordedWithActorRoleBeforeAndAfter()
    {
        var (admin, id) = await ArrangeAsync();

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit");

        var entries = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("entityId").GetString() == id).ToList();
        Assert.Equal(["user.disable", "user.access", "user.create"], entries.Select(e => e.GetProperty("action").GetString()));
        var access = entries[1];
        Assert.Equal("admin@test.mn", access.GetProperty("actorName").GetString());
        Assert.Equal(StaffRoles.Admin, access.GetProperty("actorRole").GetString());
        Assert.Contains("\"181\"", access.GetProperty("before").GetString());
        Assert.Contains("\"267\"", access.GetProperty("after").GetString());
        Assert.DoesNotContain("password", access.GetProperty("after").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, entries[2].GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task Verification_PassesOnACleanChain()
    {
        var (admin, _) = await ArrangeAsync();

        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verification");

        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("entriesChecked").GetInt64() >= 4);
    }

    [Fact]
    public async Task Verification_NamesAnEntryChangedInTheDatabase()
    {
        var (admin, _) = await ArrangeAsync();
        var target = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "user.access").Select(e => e.Sequence).SingleAsync());

        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "AuditEntries" SET "After" = replace("After", '267', '511') WHERE "Sequence" = {0}""", target));

        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verification");
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal(target, result.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal(target - 1, result.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task Verification_NamesWhereAnEntryWasRemoved()
    {
        var (admin, _) = await ArrangeAsync();
        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 2"""));

        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verification");

        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal(3, result.GetProperty("firstBadSequence").GetInt64());
    }

    [Fact]
    public async Task Verification_CatchesAnEntryRewrittenWithAFreshHash()
    {
        // Someone who recomputes the changed entry's own hash still breaks the next link.
        var (admin, _) = await ArrangeAsync();
        await _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
            entry.ActorName = "someone-else@test.mn";
            var forged = AuditChain.HashOf(entry);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "ActorName" = {0}, "Hash" = {1} WHERE "Sequence" = 2""", entry.ActorName, forged);
        });

        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verification");

        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal(3, result.GetProperty("firstBadSequence").GetInt64());
    }

    [Fact]
    public async Task TheApplication_RefusesToChangeAnEntry()
    {
        await ArrangeAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.ActorName = "rewritten";
            await db.SaveChangesAsync();
        }));
        Assert.Contains("never changed", error.Message);
    }

    [Fact]
    public async Task ConcurrentChanges_KeepOneUnbrokenChain()
    {
        await _factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        var admin = await _factory.ClientForAsync("admin@test.mn");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = $"cso{i}@test.mn", displayName = $"ТББ {i}", password = StaffTestAccounts.Password, role = StaffRoles.CsoFacilitator, adminUnits = new[] { "181" },
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verification");
        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.Equal(13, result.GetProperty("entriesChecked").GetInt64());
    }
}
