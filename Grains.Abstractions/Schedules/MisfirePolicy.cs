namespace OrleansCron.Schedules;

/// <summary>
/// What happens when more than one occurrence is overdue at once (the service was down, or paused by a long
/// stall), or the only overdue one is later than the grace period. Only the latest overdue occurrence can
/// still fire as scheduled; the policy decides about the older ones, and about the latest when it is too late.
/// </summary>
public enum MisfirePolicy
{
    /// <summary>Fire the latest overdue occurrence once (as a catch-up when it is later than the grace period);
    /// record the others as missed.</summary>
    FireOnce = 1,
    /// <summary>Record the overdue occurrences as missed; only the latest still fires, and only within the grace period.</summary>
    Skip = 2,
    /// <summary>Fire each overdue occurrence in order, one after another, as catch-ups, up to a cap; record older ones as missed.</summary>
    FireAll = 3,
}
