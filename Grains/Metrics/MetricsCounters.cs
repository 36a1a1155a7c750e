using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>What one window (or one slot of a rolling window) counts: runs by status, attempts by error class and
/// attempt latency. Counts are arrays indexed by the enum value, grown on demand, so a new enum member needs no migration.</summary>
[GenerateSerializer, Alias("oc.MetricsCounters")]
internal sealed partial class MetricsCounters
{
    /// <summary>Finished runs, indexed by <see cref="RunStatus"/> value.</summary>
    [Id(0)]
    public long[] Runs { get; set; } = [];

    /// <summary>Attempts, indexed by <see cref="ErrorClass"/> value.</summary>
    [Id(1)]
    public long[] Attempts { get; set; } = [];

    /// <summary>Latency of the attempts that reached the target.</summary>
    [Id(2)]
    public LatencyHistogram Latency { get; set; } = new();

    public void AddRun(RunStatus status) => Runs = Increment(Runs, (int)status, 1);

    public void AddAttempt(AttemptSample attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Attempts = Increment(Attempts, (int)attempt.ErrorClass, 1);

        // A blocked attempt was never sent and an interrupted one has no known end: their durations say nothing
        // about the target, so they are counted but kept out of the latency figures.
        if (attempt.ErrorClass is not (ErrorClass.Blocked or ErrorClass.Interrupted))
        {
            Latency.Record(attempt.DurationMs);
        }
    }

    /// <summary>Adds <paramref name="count"/> finished runs of <paramref name="status"/>.</summary>
    public void AddRuns(RunStatus status, long count) => Runs = Increment(Runs, (int)status, count);

    /// <summary>Adds <paramref name="count"/> attempts of <paramref name="errorClass"/> (their latency apart).</summary>
    public void AddAttempts(ErrorClass errorClass, long count) => Attempts = Increment(Attempts, (int)errorClass, count);

    public void Merge(MetricsCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.Runs.Length; i++)
        {
            Runs = Increment(Runs, i, other.Runs[i]);
        }

        for (var i = 0; i < other.Attempts.Length; i++)
        {
            Attempts = Increment(Attempts, i, other.Attempts[i]);
        }

        Latency.Merge(other.Latency);
    }

    public long RunCount(RunStatus status) => Get(Runs, (int)status);

    public long AttemptCount(ErrorClass errorClass) => Get(Attempts, (int)errorClass);

    private static long Get(long[] counts, int index) => index >= 0 && index < counts.Length ? counts[index] : 0;

    private static long[] Increment(long[] counts, int index, long by)
    {
        if (index < 0 || by == 0)
        {
            return counts;
        }

        if (index >= counts.Length)
        {
            var grown = new long[index + 1];
            counts.CopyTo(grown, 0);
            counts = grown;
        }

        counts[index] += by;
        return counts;
    }
}
