namespace OrleansCron.Scheduling;

/// <summary>What <see cref="NextRunCalculator.GetBetween"/> found in a range.</summary>
/// <param name="Listed">How many instants were written to the buffer: the most recent ones, oldest first.</param>
/// <param name="OlderNotListed">How many earlier instants of the range were left out.</param>
/// <param name="OlderIsEstimate">True when <paramref name="OlderNotListed"/> was extrapolated rather than counted
/// (only for cron ranges holding more than <see cref="ScheduleLimits.MaxCronCountSteps"/> older instants).</param>
internal readonly record struct RecentOccurrences(int Listed, long OlderNotListed, bool OlderIsEstimate)
{
    /// <summary>All instants in the range.</summary>
    public long Total => Listed + OlderNotListed;
}
