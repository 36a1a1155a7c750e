using System.Collections.Immutable;
using OrleansCron.Runs;
using OrleansCron.Targets;

namespace OrleansCron.Schedules;

/// <summary>
/// One schedule: its definition, status and firing position. Its single-threaded turns order
/// everything that happens to the schedule; every occurrence is claimed durably before it is sent.
/// </summary>
[Alias("oc.IScheduleGrain")]
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Creates the schedule. With <paramref name="inlineTarget"/>, first creates a target it owns, under <see cref="ScheduleSpec.TargetId"/>.</summary>
    [Alias("Create")]
    Task<ScheduleResult> CreateAsync(ScheduleSpec spec, TargetSpec? inlineTarget, CancellationToken cancellationToken = default);

    /// <summary>The schedule, or null.</summary>
    [Alias("Get")]
    Task<ScheduleView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the definition; firing follows the new one at once.</summary>
    [Alias("Replace")]
    Task<ScheduleResult> ReplaceAsync(ScheduleSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Deletes the schedule; runs already recorded stay in history.</summary>
    [Alias("Delete")]
    Task<ScheduleResult> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops firing at once. A run already going finishes its current attempt but is not retried.</summary>
    [Alias("Pause")]
    Task<ScheduleResult> PauseAsync(CancellationToken cancellationToken = default);

    /// <summary>Fires again from the next instant after now; instants passed while paused are not caught up.</summary>
    [Alias("Resume")]
    Task<ScheduleResult> ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>Fires a manual run now, subject to the overlap policy.</summary>
    [Alias("Trigger")]
    Task<TriggerResult> TriggerAsync(CancellationToken cancellationToken = default);

    /// <summary>The schedule's metrics (every run it finished), or null when there is no such schedule.</summary>
    [Alias("Metrics")]
    Task<Metrics.MetricsSnapshot?> GetMetricsAsync(CancellationToken cancellationToken = default);

    /// <summary>The next <paramref name="count"/> instants, or null when there is no such schedule.</summary>
    [Alias("Upcoming")]
    Task<ImmutableArray<UpcomingFire>?> GetUpcomingAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>Activates the schedule and arms its timer (used by the start-up sweep).</summary>
    [Alias("Wake")]
    Task WakeAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes over the runs that silos which stopped or died left unfinished for this schedule (waiting in
    /// their queue, waiting for a retry, or cut off), then does what <see cref="WakeAsync"/> does. Used by the sweep
    /// after a silo leaves the cluster: the schedule may already be active elsewhere, where activation alone would not
    /// look at its runs again.</summary>
    [Alias("TakeOver")]
    Task TakeOverAsync(CancellationToken cancellationToken = default);

    /// <summary>An attempt's result, sent back by the dispatcher, which tries until it is delivered. It may wait
    /// longer than other calls: when the silo is behind, a copy given up on after the usual 30 s expires unread in the
    /// queue and the next copy joins the back of it, so under a backlog longer than the timeout no report would ever
    /// land; each one waits its turn instead. A report to a silo declared dead fails at once (Orleans breaks the calls
    /// waiting on it), not after this.</summary>
    [Alias("CompleteAttempt")]
    [ResponseTimeout("00:02:00")]
    Task CompleteAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>The target's definition changed (null: it was deleted).</summary>
    [Alias("TargetChanged")]
    Task TargetChangedAsync(TargetSpec? target, CancellationToken cancellationToken = default);

    /// <summary>Deletes the schedule because its target is being deleted with <c>cascade</c>.</summary>
    [Alias("DeleteWithTarget")]
    Task DeleteWithTargetAsync(CancellationToken cancellationToken = default);
}
