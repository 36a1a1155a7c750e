namespace OrleansCron.Schedules;

/// <summary>Whether a schedule fires.</summary>
public enum ScheduleStatus
{
    /// <summary>Fires on its instants.</summary>
    Active = 1,
    /// <summary>Fires nothing until resumed; instants passed while paused are not caught up.</summary>
    Paused = 2,
    /// <summary>Has no instants left (a once schedule that ran, or a window that ended).</summary>
    Completed = 3,
}
