namespace OrleansCron.Metrics;

/// <summary>How a rolling window is cut: <paramref name="SlotCount"/> slots of <paramref name="SlotLength"/> each.</summary>
internal readonly record struct WindowShape(TimeSpan SlotLength, int SlotCount)
{
    /// <summary>The last hour: 60 one-minute slots.</summary>
    public static readonly WindowShape LastHour = new(TimeSpan.FromMinutes(1), 60);

    /// <summary>The last day: 24 one-hour slots.</summary>
    public static readonly WindowShape LastDay = new(TimeSpan.FromHours(1), 24);

    /// <summary>The number of the slot-long period, counted from 0001-01-01 UTC, that holds <paramref name="at"/>.</summary>
    public long PeriodOf(DateTimeOffset at) => at.UtcTicks / SlotLength.Ticks;

    /// <summary>True when <paramref name="period"/> lies in the window that ends with the period of <paramref name="now"/>.</summary>
    public bool IsLive(long period, DateTimeOffset now)
    {
        var current = PeriodOf(now);
        return period <= current && period > current - SlotCount;
    }
}
