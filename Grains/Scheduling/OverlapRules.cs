using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Applies a schedule's <see cref="OverlapPolicy"/> to an occurrence that comes due.</summary>
internal static class OverlapRules
{
    /// <summary>The most late fires a schedule queues while it catches up; beyond it, overlap rules apply again.</summary>
    public const int MaxBacklog = 1_000;

    /// <summary>
    /// True when a schedule is catching up: late fires (overdue instants within the grace period, claimed together
    /// after a stall, a restart or a handover) are still queued, and the oldest of them is still within the grace
    /// period. An instant that comes due then is not overlapping a slow target; it is behind the schedule's own
    /// backlog, and joins it rather than being skipped. The grace period bounds this: a target too slow to ever
    /// drain the queue lets its head grow later than the grace, and from then on the overlap policy decides again.
    /// </summary>
    /// <param name="backlog">How many late fires are queued.</param>
    /// <param name="oldestQueued">The instant of the oldest queued late fire.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="grace">The schedule's misfire grace period.</param>
    public static bool IsCatchingUp(int backlog, DateTimeOffset oldestQueued, DateTimeOffset now, TimeSpan grace) =>
        backlog is > 0 and < MaxBacklog && now - oldestQueued <= (grace < TimeSpan.Zero ? TimeSpan.Zero : grace);

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
