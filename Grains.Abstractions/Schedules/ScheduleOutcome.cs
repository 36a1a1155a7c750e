namespace OrleansCron.Schedules;

/// <summary>How a schedule operation ended.</summary>
public enum ScheduleOutcome
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>Created.</summary>
    Created = 1,
    /// <summary>No such schedule.</summary>
    NotFound = 2,
    /// <summary>Refused because of the schedule's current state.</summary>
    Conflict = 3,
    /// <summary>Refused because the input is invalid; <see cref="ScheduleResult.Field"/> names the field.</summary>
    Invalid = 4,
}
