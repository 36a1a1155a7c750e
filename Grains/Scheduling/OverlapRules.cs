using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Applies a schedule's <see cref="OverlapPolicy"/> to an occurrence that comes due.</summary>
internal static class OverlapRules
{
    /// <summary>The most late fires a schedule queues while it catches up; beyond it, overlap rules apply again.</summary>
    public const int MaxBacklog = 1_000;

    /// <summary>
    /// True when an instant that comes due now should wait in the queue rather than be judged at once: late fires
    /// (overdue instants claimed after a stall, a restart or a handover) are still queued, or, under
    /// <see cref="OverlapPolicy.Skip"/>, a run is still out, and the oldest of them is within the grace period. Such
    /// an instant is not known to overlap a slow target: the run before it may have been sent late, or may have ended
    /// with its report still on the way. Under skip it is judged when its turn comes, by
    /// <see cref="BusyUntilIfOnTime"/>, exactly as it would have been on time. The grace period and
    /// <see cref="MaxBacklog"/> bound the queue; beyond them the overlap policy decides at once again.
    /// </summary>
    /// <param name="backlog">How many late fires are queued or in flight.</param>
    /// <param name="oldestQueued">The instant of the oldest of them.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="grace">The schedule's misfire grace period.</param>
    public static bool IsCatchingUp(int backlog, DateTimeOffset oldestQueued, DateTimeOffset now, TimeSpan grace) =>
        backlog is > 0 and < MaxBacklog && now - oldestQueued <= (grace < TimeSpan.Zero ? TimeSpan.Zero : grace);

    /// <summary>
    /// Until when a run would have kept its schedule busy had it been sent on time: its instant plus the time its
    /// attempts took, from the first one's send to the last one's end (retry delays included; neither attempts cut off
    /// by a crash nor the time a report takes to come back count: they say nothing about the target). Null when nothing
    /// was sent.
    /// </summary>
    /// <remarks>
    /// Late fires are judged by this under <see cref="OverlapPolicy.Skip"/>: a queued late instant is skipped only if
    /// the run before it, sent on time, would still have been running at that instant. So a stall or a handover never
    /// turns into skips by itself, and a target that is really slow is skipped exactly as it would have been on time.
    /// </remarks>
    public static DateTimeOffset? BusyUntilIfOnTime(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Attempts cut off by a crash say nothing about the target: only the others count.
        AttemptRecord? first = null;
        AttemptRecord? last = null;
        foreach (var attempt in run.Attempts)
        {
            if (attempt.ErrorClass != ErrorClass.Interrupted)
            {
                first ??= attempt;
                last = attempt;
            }
        }

        if (first is null || last is null)
        {
            return null;
        }

        var busy = last.StartedAt + TimeSpan.FromMilliseconds(Math.Max(0, last.DurationMs)) - first.StartedAt;
        return run.ScheduledAt + (busy < TimeSpan.Zero ? TimeSpan.Zero : busy);
    }

    /// <summary>
    /// With nothing running, fire. Otherwise <see cref="OverlapPolicy.Skip"/> skips, <see cref="OverlapPolicy.Allow"/>
    /// fires alongside, and <see cref="OverlapPolicy.BufferOne"/> buffers the occurrence unless one is already
    /// waiting, in which case it skips: at most one run waits, so a slow target never builds a queue.
    /// </summary>
    /// <param name="policy">The schedule's policy.</param>
    /// <param name="runningCount">Runs of the schedule with an attempt in flight or a retry waiting.</param>
    /// <param name="hasBuffered">True when a run is already waiting (pending) for the running one to end.</param>
    /// <param name="catchingUp">True when late fires are queued and the schedule is catching up (see
    /// <see cref="IsCatchingUp"/>): the occurrence joins them, whatever the policy, so the order holds.</param>
    public static OverlapDecision Decide(OverlapPolicy policy, int runningCount, bool hasBuffered, bool catchingUp = false)
    {
        if (catchingUp && policy != OverlapPolicy.Allow)
        {
            return OverlapDecision.JoinBacklog;
        }

        if (runningCount <= 0)
        {
            return OverlapDecision.Fire;
        }

        return policy switch
        {
            OverlapPolicy.Skip => OverlapDecision.Skip,
            OverlapPolicy.BufferOne => hasBuffered ? OverlapDecision.Skip : OverlapDecision.Buffer,
            OverlapPolicy.Allow => OverlapDecision.Fire,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown overlap policy."),
        };
    }
}
