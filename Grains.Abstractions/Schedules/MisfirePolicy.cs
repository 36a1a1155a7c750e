namespace OrleansCron.Schedules;

/// <summary>What happens to occurrences that were missed (by more than the grace period) while the service was down.</summary>
public enum MisfirePolicy
{
    /// <summary>Fire the most recent missed occurrence once, as a catch-up; record the others as missed.</summary>
    FireOnce = 1,
    /// <summary>Record them all as missed and wait for the next instant.</summary>
    Skip = 2,
    /// <summary>Fire each of them in order, as catch-ups, up to a cap; record the rest as missed.</summary>
    FireAll = 3,
}
