using HdrHistogram;

namespace OrleansCron.Bench.Analysis;

/// <summary>HDR histograms of microseconds, from 1 µs to one hour at three significant digits.</summary>
public static class Histograms
{
    public static LongHistogram Create() => new(1, 3_600_000_000, 3);

    /// <summary>A percentile in milliseconds (0 when empty).</summary>
    public static double Ms(this LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public static double MaxMs(this LongHistogram histogram) => histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;
}
