namespace Yiwang.Kernel.Time;

/// <summary>
/// The district's calendar (China Standard Time, UTC+8, no daylight saving). Servers often run in UTC;
/// "today" for a birth date or an observation day is Huangpi's today.
/// </summary>
public static class DistrictTime
{
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // Machines without tzdata: China has had no daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("CST+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
