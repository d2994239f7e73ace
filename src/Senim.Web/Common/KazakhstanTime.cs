namespace Senim.Web.Common;

/// <summary>Dates a person reads or types are Kazakhstan time; instants are stored in UTC.</summary>
public static class KazakhstanTime
{
    /// <summary>Kazakhstan has used one time zone, UTC+5, since 1 March 2024. A fixed offset (not tzdata's
    /// Asia/Almaty) keeps printed dates right on hosts with old time-zone data.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    /// <summary>A UTC instant as Kazakhstan wall-clock time. Unspecified is taken as UTC.</summary>
    public static DateTime ToLocalKz(this DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Offset;

    /// <summary>A Kazakhstan wall-clock time (as typed into a form) as a UTC instant.</summary>
    public static DateTime FromLocalKz(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    public static DateOnly TodayKz(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToLocalKz());
}
