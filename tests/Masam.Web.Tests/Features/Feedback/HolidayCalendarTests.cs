using System.Net;
using System.Net.Http.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class DeadlineCalendarTests
{
    private static readonly HashSet<DateOnly> TsagaanSar2026 = [new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20)];

    private static DateOnly DueDay(DateTime dueUtc) => MongolianTime.DateOf(dueUtc);

    private static DateTime Received(int year, int month, int day) => MongolianTime.ToUtc(new DateTime(year, month, day, 10, 0, 0));

    [Fact]
    public void CalendarDays_ADeadlineOnAHoliday_MovesPastItAndTheWeekend_ToTheEndOfTheNextWorkingDay()
    {
        var calendar = new DeadlineCalendar(TsagaanSar2026, DeadlineDays.Calendar);

        var due = calendar.DueFor(Received(2026, 1, 19)); // + 30 days = Wednesday 18 February, Tsagaan Sar

        Assert.Equal(new DateOnly(2026, 2, 23), DueDay(due)); // Thursday and Friday are Tsagaan Sar too, then the weekend
        Assert.Equal(MongolianTime.ToUtc(new DateTime(2026, 2, 24)).AddMicroseconds(-1), due); // to the end of that day, Mongolian time
        Assert.Equal(new DateOnly(2026, 2, 18), DueDay(DeadlineCalendar.WeekendsOnly.DueFor(Received(2026, 1, 19))));
    }

    [Fact]
    public void WorkingDays_CountNeitherWeekendsNorHolidays()
    {
        var calendar = new DeadlineCalendar(TsagaanSar2026, DeadlineDays.Working);

        Assert.Equal(new DateOnly(2026, 2, 26), DueDay(calendar.Extend(Received(2026, 2, 16), 5))); // 17, 23, 24, 25, 26
        Assert.Equal(new DateOnly(2026, 4, 13), DueDay(new DeadlineCalendar(new HashSet<DateOnly>(), DeadlineDays.Working).DueFor(Received(2026, 3, 2))));
    }

    [Fact]
    public void AWeekendDeadline_MovesToMonday()
    {
        Assert.Equal(new DateOnly(2026, 3, 30), DueDay(DeadlineCalendar.WeekendsOnly.DueFor(Received(2026, 2, 27)))); // Sunday 29 March
    }
}

public sealed class HolidayAdministrationTests : ResponderTestBase
{
    private async Task<HttpClient> AdminAsync()
    {
        await Factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        return await Factory.ClientForAsync("admin@test.mn");
    }

    [Fact]
    public async Task TheSeededHolidays_AreThere_AndAYearWithoutItsLunarHolidays_SaysSo()
    {
        var admin = await AdminAsync();

        var year2026 = await (await admin.GetAsync("/api/v1/admin/holidays?year=2026")).ReadJsonAsync();
        var dates = year2026.GetProperty("holidays").EnumerateArray().Select(h => h.GetProperty("date").GetString()).ToList();
        Assert.Contains("2026-02-18", dates); // Tsagaan Sar
        Assert.Contains("2026-07-11", dates); // Naadam
        Assert.Contains("2026-11-10", dates); // Chinggis Khaan's day
        Assert.False(year2026.GetProperty("lunarMissing").GetBoolean());
        Assert.True((await (await admin.GetAsync("/api/v1/admin/holidays?year=2027")).ReadJsonAsync()).GetProperty("lunarMissing").GetBoolean());
    }

    [Fact]
    public async Task AHolidayAdmin_Adds_MovesTheNextDeadline_AndIsAudited()
    {
        var admin = await AdminAsync();
        var before = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 3 }); // 2 March + 30 days = Wednesday 1 April

        var set = await admin.PutAsJsonAsync("/api/v1/admin/holidays/2026-04-01", new { nameMn = "Туршилтын амралт", nameEn = "Test day off", kind = "fixed" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var after = await SubmitFeedbackAsync(new { providerId = ProviderId, score = 3 });

        var due = await Factory.WithDbAsync(db => db.Feedback.OrderBy(f => f.Id).Select(f => f.DueAt).ToListAsync());
        Assert.Equal(new DateOnly(2026, 4, 1), MongolianTime.DateOf(due[0]));
        Assert.Equal(new DateOnly(2026, 4, 2), MongolianTime.DateOf(due[1]));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "holiday.set" && e.EntityId == "2026-04-01")));
        _ = (before, after);

        // Off the list again: the seed does not bring a seeded day back.
        var off = await admin.PutAsJsonAsync("/api/v1/admin/holidays/2026-02-18", new { nameMn = "Цагаан сар", nameEn = "Tsagaan Sar", observed = false });
        Assert.False((await off.ReadJsonAsync()).GetProperty("observed").GetBoolean());
    }

    [Fact]
    public async Task BadHolidays_AreRefused_NamingTheField_AndOnlyAdminMaySetThem()
    {
        var admin = await AdminAsync();
        await (await admin.PutAsJsonAsync("/api/v1/admin/holidays/2027-13-01", new { nameMn = "a", nameEn = "a" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var problem = await (await admin.PutAsJsonAsync("/api/v1/admin/holidays/2027-02-07", new { nameMn = " ", kind = "solar" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("nameMn"));
        Assert.NotEmpty(problem.FieldErrors("nameEn"));
        Assert.NotEmpty(problem.FieldErrors("kind"));
        Assert.False(await Factory.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == new DateOnly(2027, 2, 7))));
        Assert.Equal(HttpStatusCode.Forbidden, (await Official.PutAsJsonAsync("/api/v1/admin/holidays/2027-02-07", new { nameMn = "Цагаан сар", nameEn = "Tsagaan Sar" })).StatusCode);
    }
}
