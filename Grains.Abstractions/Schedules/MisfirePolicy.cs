namespace OrleansCron.Schedules;

/// <summary>
/// What happens to occurrences that are overdue by more than the grace period (the service was down, or a silo was
/// being replaced). Overdue occurrences still within the grace period are not misfires: they all fire, late, in order.
/// </summary>
public enum MisfirePolicy
{
    /// <summary>Fire the latest misfired occurrence once, as a catch-up, unless a later occurrence fires on time;
    /// record the others as missed.</summary>
    FireOnce = 1,
    /// <summary>Record every misfired occurrence as missed.</summary>
    Skip = 2,
    /// <summary>Fire each misfired occurrence in order, one after another, as catch-ups, up to a cap; record older ones as missed.</summary>
    FireAll = 3,
}
