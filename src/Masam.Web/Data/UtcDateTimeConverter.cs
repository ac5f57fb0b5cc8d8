using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masam.Web.Data;

/// <summary>Stores UTC and marks values read back as UTC (SQLite returns them without a kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
