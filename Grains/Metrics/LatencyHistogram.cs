namespace OrleansCron.Metrics;

/// <summary>
/// A log-bucketed histogram of latencies in milliseconds (layout in <see cref="LatencyBuckets"/>), percentiles within
/// about 2 %. Sparse: only buckets that were hit are stored, as two parallel arrays sorted by bucket, so the many small
/// histograms of a schedule's rolling windows stay a few hundred bytes each. Public get/set so that System.Text.Json
/// and Newtonsoft round-trip it without type names.
/// </summary>
[GenerateSerializer, Alias("oc.LatencyHistogram")]
internal sealed class LatencyHistogram
{
    /// <summary>Indexes of the buckets that were hit, ascending.</summary>
    [Id(0)]
    public int[] Buckets { get; set; } = [];

    /// <summary>The count of each bucket in <see cref="Buckets"/>, position by position.</summary>
    [Id(1)]
    public long[] Counts { get; set; } = [];

    /// <summary>How many values were recorded.</summary>
    [Id(2)]
    public long Count { get; set; }

    /// <summary>The sum of the recorded values, in milliseconds.</summary>
    [Id(3)]
    public double Sum { get; set; }

    /// <summary>The largest recorded value, in milliseconds (exact, not bucketed).</summary>
    [Id(4)]
    public double Max { get; set; }

    /// <summary>The mean, or 0 when empty.</summary>
    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>Records one value. Negative and non-finite values count as 0: a broken clock must not poison the sums.</summary>
    public void Record(double ms)
    {
        if (!double.IsFinite(ms) || ms < 0)
        {
            ms = 0;
        }

        AddToBucket(LatencyBuckets.IndexOf(ms), 1);
        Count++;
        Sum += ms;
        Max = Math.Max(Max, ms);
    }

    /// <summary>Adds <paramref name="count"/> values to bucket <paramref name="bucket"/>; their sum and maximum come
    /// through <see cref="AddTotals"/>.</summary>
    public void AddBucket(int bucket, long count)
    {
        if (count <= 0)
        {
            return;
        }

        AddToBucket(Math.Clamp(bucket, 0, LatencyBuckets.Count - 1), count);
        Count += count;
    }

    /// <summary>Adds to the sum and raises the maximum of values counted through <see cref="AddBucket"/>.</summary>
    public void AddTotals(double sumMs, double maxMs)
    {
        Sum += sumMs;
        Max = Math.Max(Max, maxMs);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        MergeBuckets(other.Buckets, other.Counts);
        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the recorded values fall (0 when empty).</summary>
    public double ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * Count));
        long seen = 0;
        for (var i = 0; i < Buckets.Length && i < Counts.Length; i++)
        {
            seen += Counts[i];
            if (seen >= rank)
            {
                // The exact maximum beats a midpoint above it (a single value), and the open-ended last bucket
                // has no midpoint at all.
                return Buckets[i] >= LatencyBuckets.Count - 1 ? Max : Math.Min(LatencyBuckets.Representative(Buckets[i]), Max);
            }
        }

        return Max;
    }

    private void AddToBucket(int bucket, long count)
    {
        var position = Array.BinarySearch(Buckets, bucket);
        if (position >= 0)
        {
            Counts[position] += count;
            return;
        }

        position = ~position;
        Buckets = [.. Buckets.AsSpan(0, position), bucket, .. Buckets.AsSpan(position)];
        Counts = [.. Counts.AsSpan(0, position), count, .. Counts.AsSpan(position)];
    }

    private void MergeBuckets(int[] otherBuckets, long[] otherCounts)
    {
        var buckets = new List<int>(Buckets.Length + otherBuckets.Length);
        var counts = new List<long>(buckets.Capacity);
        int i = 0, j = 0;
        while (i < Buckets.Length || j < otherBuckets.Length)
        {
            if (j >= otherBuckets.Length || (i < Buckets.Length && Buckets[i] < otherBuckets[j]))
            {
                buckets.Add(Buckets[i]);
                counts.Add(Counts[i++]);
            }
            else if (i >= Buckets.Length || otherBuckets[j] < Buckets[i])
            {
                buckets.Add(otherBuckets[j]);
                counts.Add(otherCounts[j++]);
            }
            else
            {
                buckets.Add(Buckets[i]);
                counts.Add(Counts[i++] + otherCounts[j++]);
            }
        }

        Buckets = [.. buckets];
        Counts = [.. counts];
    }
}
