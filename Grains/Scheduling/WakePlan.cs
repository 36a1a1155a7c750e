namespace OrleansCron.Scheduling;

/// <summary>
/// How a schedule makes sure it is in memory for its next wake-up. Within one reminder period of it the schedule
/// stays awake: the grain keeps its activation and its one-shot timer does the timing, kept from Orleans' idle
/// collection when the wait is long. Further out it sleeps: the grain may be collected, and its reminder is aimed to
/// tick shortly before the wake-up, which brings it back in time, awake. Orleans runs a reminder (a task, a timer and
/// cancellation sources of its own, ~2 KB) only while its next tick is near (its loading window: 2 minutes in the
/// OrleansCron silo, 10 by Orleans' default), and otherwise keeps little more than its entry, so a reminder that
/// ticks every half hour or once before a far wake-up costs that only briefly, and a sleeping schedule costs no
/// activation at all.
/// </summary>
internal static class WakePlan
{
    /// <summary>Waits up to this long need no help: the timer's callback, when it runs, counts as activity, and Orleans
    /// collects an activation only after 15 minutes idle (its default, which OrleansCron leaves alone).</summary>
    public static readonly TimeSpan KeepAliveFloor = TimeSpan.FromMinutes(5);

    /// <summary>How long past its wake-up an awake schedule is kept, so that the timer's own turn ends inside it.</summary>
    public static readonly TimeSpan KeepAliveMargin = TimeSpan.FromMinutes(1);

    /// <summary>How long before a sleeping schedule's wake-up its reminder ticks (at most; half the period if that is
    /// less): time to activate, load its state and arm the timer.</summary>
    public static readonly TimeSpan MaxAimLead = TimeSpan.FromMinutes(1);

    /// <summary>A far wake-up is approached in steps of at most this: the reminder ticks then, and is aimed again.</summary>
    public static readonly TimeSpan MaxAimDue = TimeSpan.FromDays(30);

    /// <summary>Whether a schedule whose next wake-up is <paramref name="wake"/> may leave memory until its reminder
    /// brings it back.</summary>
    public static bool Sleeps(DateTimeOffset wake, DateTimeOffset now, TimeSpan period) => wake - now > period;

    /// <summary>How long an awake schedule must be kept from idle collection, or null when its timer keeps it.</summary>
    public static TimeSpan? KeepAlive(DateTimeOffset wake, DateTimeOffset now, TimeSpan period)
    {
        var wait = wake - now;
        return wait > KeepAliveFloor && wait <= period ? wait + KeepAliveMargin : null;
    }

    public static TimeSpan AimLead(TimeSpan period) => period / 2 < MaxAimLead ? period / 2 : MaxAimLead;

    /// <summary>The reminder's first tick at or after <paramref name="now"/>: ticks fall on start + k x period.</summary>
    public static DateTimeOffset NextTick(DateTimeOffset start, TimeSpan period, DateTimeOffset now)
    {
        if (start >= now || period <= TimeSpan.Zero)
        {
            return start;
        }

        var periods = ((now - start).Ticks + period.Ticks - 1) / period.Ticks;
        return start.AddTicks(periods * period.Ticks);
    }

    /// <summary>Whether a reminder that ticks next at <paramref name="tick"/> brings a sleeping schedule back in time
    /// for <paramref name="wake"/>: before it, by at least half the aim lead, and not a whole period early (it would
    /// find the wake-up still far off, and only go back to sleep), unless the wake-up is beyond one step.</summary>
    public static bool IsAimed(DateTimeOffset tick, DateTimeOffset wake, DateTimeOffset now, TimeSpan period)
    {
        var earliest = wake - period < now + MaxAimDue - period ? wake - period : now + MaxAimDue - period;
        return tick <= wake - (AimLead(period) / 2) && tick >= earliest;
    }

    /// <summary>The due time that makes the reminder's first tick come an aim lead before <paramref name="wake"/>.</summary>
    public static TimeSpan AimDue(DateTimeOffset wake, DateTimeOffset now, TimeSpan period)
    {
        var due = wake - AimLead(period) - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxAimDue ? MaxAimDue : due;
    }
}
