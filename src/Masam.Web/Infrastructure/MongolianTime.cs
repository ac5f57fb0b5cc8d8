namespace Masam.Web.Infrastructure;

/// <summary>Dates are stored in UTC and shown as the calendar day in Mongolia (UTC+8, no daylight saving).</summary>
public static class MongolianTime
{
    /// <summary>Mongolia's time zone: the system's, or a fixed UTC+8 where the host has no tz data. Jobs recur in it.</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The first day of the month the moment falls in, in Mongolia.</summary>
    public static DateOnly MonthOf(DateTime utc)
    {
        var day = DateOf(utc);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>A wall-clock time in Mongolia, as UTC.</summary>
    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo FindZone()
    {
        // Ulaanbaatar has kept UTC+8 all year since 2017; without tz data, that fixed offset is the answer.
        return TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ulaanbaatar", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Ulaanbaatar", TimeSpan.FromHours(8), "Ulaanbaatar", "Ulaanbaatar");
    }
}
