namespace OrleansCron.Silo.Storage;

/// <summary>
/// When the reminder service reads the table, and what it reads. Orleans runs a reminder (a task, a timer and
/// cancellation sources) from the refresh that finds its next tick within the loading window until that tick, and
/// starts all it finds at once. On its defaults (a refresh every 5 minutes, a 10-minute window) a 30-minute run at
/// 100,000 schedules started ~16,700 reminders per refresh, each refresh coinciding with a stop of ~1 s in every
/// fire, and held a third of all reminders running. Refreshing every minute over a 2-minute window starts a fifth as many at a time and holds a
/// fifth as many; our range queries (migration 0008) read only the rows due from <see cref="ReadMargin"/> ago to
/// <see cref="ReadHorizon"/> from now, so the more frequent refresh reads a few minutes' worth of rows, not the table.
/// </summary>
internal static class ReminderLoading
{
    /// <summary>How often the reminder service reads its range of the table.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead of its next tick a reminder is loaded: two refreshes, so one failed read loses no tick.
    /// A table that cannot be read for longer makes reminders late (schedules' own timers fire regardless).</summary>
    public static readonly TimeSpan LoadingWindow = TimeSpan.FromMinutes(2);

    /// <summary>The range queries' margin each side of the window: the time a read takes before Orleans looks at the
    /// clock, and skew between the database's clock and the silo's. Written into the queries as 60,000 ms.</summary>
    public static readonly TimeSpan ReadMargin = TimeSpan.FromMinutes(1);

    /// <summary>How far the database's clock may be off the silo's before the start-up check
    /// (<see cref="DatabaseClockCheck"/>) logs an error: half the margin, the other half for the read's own time.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The latest next tick the range queries return, from now. Written into the queries as 240,000 ms after
    /// now minus the margin.</summary>
    public static TimeSpan ReadHorizon => LoadingWindow + ReadMargin;

    public static void Configure(ReminderOptions options)
    {
        options.RefreshReminderListPeriod = RefreshPeriod;
        options.ReminderLoadingWindow = LoadingWindow;
    }
}
