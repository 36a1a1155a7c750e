namespace OrleansCron.Schedules;

/// <summary>How a daylight-saving change affected an upcoming instant.</summary>
public enum DstAdjustment
{
    /// <summary>Not affected.</summary>
    None = 0,
    /// <summary>The wall-clock time did not exist (spring forward); the instant was moved to the end of the gap.</summary>
    Moved = 1,
    /// <summary>Local times in a DST gap were skipped just before this instant.</summary>
    AfterSkip = 2,
    /// <summary>The wall-clock time happens twice (fall back). A fixed-time cron fires on the first of the two only;
    /// interval-like crons (e.g. every 15 minutes) and interval schedules fire in both.</summary>
    Ambiguous = 3,
}
