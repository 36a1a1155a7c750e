namespace OrleansCron.Bench.Scenarios;

/// <summary>Wall-clock helpers in Unix milliseconds, the unit the sink and the plan use.</summary>
public static class Clock
{
    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary><paramref name="ms"/> rounded up to a multiple of <paramref name="step"/>.</summary>
    public static long CeilTo(long ms, long step) => (ms + step - 1) / step * step;

    public static Task UntilAsync(long unixMs, CancellationToken cancellationToken = default)
    {
        var wait = unixMs - NowMs();
        return wait > 0 ? Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken) : Task.CompletedTask;
    }
}
