using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Applies a schedule's <see cref="OverlapPolicy"/> to an occurrence that comes due.</summary>
internal static class OverlapRules
{
    /// <summary>
    /// With nothing running, fire. Otherwise <see cref="OverlapPolicy.Skip"/> skips, <see cref="OverlapPolicy.Allow"/>
    /// fires alongside, and <see cref="OverlapPolicy.BufferOne"/> buffers the occurrence unless one is already
    /// waiting, in which case it skips: at most one run waits, so a slow target never builds a queue.
    /// </summary>
    /// <param name="policy">The schedule's policy.</param>
    /// <param name="runningCount">Runs of the schedule with an attempt in flight or a retry waiting.</param>
    /// <param name="hasBuffered">True when a run is already waiting (pending) for the running one to end.</param>
    public static OverlapDecision Decide(OverlapPolicy policy, int runningCount, bool hasBuffered)
    {
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
