namespace OrleansCron.Schedules;

/// <summary>How a schedule's instants are defined.</summary>
public enum ScheduleKind
{
    /// <summary>Every N seconds from an anchor.</summary>
    Interval = 1,
    /// <summary>A cron expression (5 or 6 fields) in a time zone.</summary>
    Cron = 2,
    /// <summary>Once, at an instant.</summary>
    Once = 3,
}
