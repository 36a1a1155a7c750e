using System.ComponentModel.DataAnnotations;

namespace OrleansCron.Scheduling;

/// <summary>Firing engine settings, bound from <c>OrleansCron:Scheduling</c>.</summary>
internal sealed class SchedulingOptions
{
    public const string Section = "OrleansCron:Scheduling";

    /// <summary>The least time before its instant an occurrence is claimed, so that the durable claim's commit is
    /// off the critical path and the request leaves on time. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ClaimLead { get; set; } = SchedulingDefaults.ClaimLead;

    /// <summary>The most time before its instant an occurrence is claimed: half the gap since the schedule's
    /// previous instant, between <see cref="ClaimLead"/> and this (see <see cref="ClaimLeadRule"/>). Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxClaimLead { get; set; } = SchedulingDefaults.MaxClaimLead;

    /// <summary>Period of each schedule's durable wake-up reminder (Orleans refuses less than a minute unless its
    /// minimum is lowered), and how far ahead a schedule stays in memory (see <see cref="WakePlan"/>): one whose next
    /// instant is further off sleeps, and its reminder is aimed at just before that instant. An awake schedule's ticks
    /// only re-arm its timer, in case it was lost; each costs about 40 % of a fire's CPU, and Orleans holds a reminder in
    /// memory only within 10 minutes of its next tick (measured: with 5-minute ticks, the reminders were ~2.2 KB of
    /// every schedule's ~7.6 KB). Restarts and dead silos are covered by the wake sweeps, which reach at least a period
    /// ahead (see <see cref="SweepHorizon"/>). At most an hour. Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = SchedulingDefaults.ReminderPeriod;

    /// <summary>At most this many missed occurrences are fired by the <c>fire_all</c> misfire policy. Default 100.</summary>
    [Range(1, 10_000)]
    public int FireAllCap { get; set; } = SchedulingDefaults.FireAllCap;

    /// <summary>At most this many missed occurrences are recorded one by one per catch-up; older ones are
    /// counted in the log only. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxMissedRecorded { get; set; } = SchedulingDefaults.MaxMissedRecorded;

    /// <summary>A run cut off by crashes more often than this is recorded as interrupted and not fired again. Default 3.</summary>
    [Range(0, 100)]
    public int MaxInterruptedRefires { get; set; } = SchedulingDefaults.MaxInterruptedRefires;

    /// <summary>How long a schedule with no instants left waits (plus up to as long again, spread) before it records
    /// itself completed: three writes that would otherwise compete with a burst's fires. Zero: at once. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CompletionDelay { get; set; } = SchedulingDefaults.CompletionDelay;

    /// <summary>The most spent schedules a silo records completed a second; more wait their turn, so that a burst of
    /// one-off schedules completes after its fires instead of among them (see <see cref="CompletionPacer"/>).
    /// Default 500.</summary>
    [Range(1, 1_000_000)]
    public int CompletionRate { get; set; } = SchedulingDefaults.CompletionRate;

    /// <summary>On a graceful stop, how long in-flight attempts may take to finish before the silo stops anyway.
    /// Keep it below the host's shutdown timeout (and Kubernetes' termination grace). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = SchedulingDefaults.DrainTimeout;

    /// <summary>How far ahead the start-up sweep wakes schedules. The sweep reaches at least a reminder period and a
    /// margin ahead in any case (<see cref="SweepHorizon"/>). Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StartupSweepHorizon { get; set; } = SchedulingDefaults.StartupSweepHorizon;

    /// <summary>How far ahead a wake sweep looks: <see cref="StartupSweepHorizon"/>, but never less than a reminder
    /// period plus <see cref="SchedulingDefaults.ReminderStartup"/>. That covers every awake schedule (due within a
    /// period, see <see cref="WakePlan"/>), whose periodic reminder may tick only after its instant (a first tick comes
    /// one to two periods after registration); a schedule due later was asleep, its reminder aimed at just before its
    /// instant, and that tick comes in time once the reminder service has started.</summary>
    public TimeSpan SweepHorizon =>
        StartupSweepHorizon > ReminderPeriod + SchedulingDefaults.ReminderStartup
            ? StartupSweepHorizon
            : ReminderPeriod + SchedulingDefaults.ReminderStartup;
}
