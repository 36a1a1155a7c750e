namespace OrleansCron.Scheduling;

/// <summary>Bounds on schedule fields, chosen so that instant arithmetic can never overflow.</summary>
internal static class ScheduleLimits
{
    /// <summary>Ten years (of 365.25 days).</summary>
    public const long MaxIntervalSeconds = 315_576_000;

    /// <summary>A hundred years: the longest <c>delay_seconds</c> and <c>duration_seconds</c>.</summary>
    public const long MaxRelativeSeconds = 3_155_760_000;

    /// <summary>Thirty days: the longest misfire grace.</summary>
    public const int MaxMisfireGraceSeconds = 2_592_000;

    /// <summary>The most attempts a retry policy may ask for.</summary>
    public const int MaxAttempts = 100;

    /// <summary>
    /// How many cron instants <see cref="NextRunCalculator.GetBetween"/> steps through to count the instants it
    /// does not list (about a microsecond each). Beyond it the count is extrapolated, so a one-second cron
    /// that was down for a month costs milliseconds, not seconds.
    /// </summary>
    public const int MaxCronCountSteps = 20_000;
}
