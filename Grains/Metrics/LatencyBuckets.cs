namespace OrleansCron.Metrics;

/// <summary>
/// The bucket layout of <see cref="LatencyHistogram"/>: bucket 0 holds everything under 0.1 ms, bucket i ≥ 1 holds
/// [0.1 · 1.02^(i-1), 0.1 · 1.02^i) ms, and the last bucket also takes everything above about an hour. Reporting a
/// bucket by its geometric midpoint keeps the error of any percentile within about 1 %.
/// </summary>
internal static class LatencyBuckets
{
    /// <summary>The lower bound of bucket 1, in milliseconds.</summary>
    public const double LowestMs = 0.1;

    /// <summary>How much wider each bucket is than the one below.</summary>
    public const double Growth = 1.02;

    /// <summary>The value above which everything shares the last bucket (an hour).</summary>
    public const double HighestMs = 3_600_000;

    private static readonly double LogGrowth = Math.Log(Growth);

    /// <summary>The number of buckets (about 880).</summary>
    public static readonly int Count = 2 + (int)Math.Ceiling(Math.Log(HighestMs / LowestMs) / LogGrowth);

    /// <summary>The bucket of a value in milliseconds; NaN and values under <see cref="LowestMs"/> land in bucket 0.</summary>
    public static int IndexOf(double ms)
    {
        if (!(ms >= LowestMs))
        {
            return 0;
        }

        if (ms >= HighestMs)
        {
            return Count - 1;
        }

        var index = 1 + (int)Math.Floor(Math.Log(ms / LowestMs) / LogGrowth);
        return Math.Min(index, Count - 1);
    }

    /// <summary>The value a bucket stands for: its geometric midpoint (half of <see cref="LowestMs"/> for bucket 0).</summary>
    public static double Representative(int index) =>
        index <= 0 ? LowestMs / 2 : LowestMs * Math.Pow(Growth, index - 0.5);
}
