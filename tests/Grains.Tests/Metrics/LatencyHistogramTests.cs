using System.Text.Json;
using OrleansCron.Metrics;

namespace OrleansCron.Tests.Metrics;

public class LatencyHistogramTests
{
    private const double Tolerance = 0.02;

    [Theory]
    [InlineData(50, 50_000)]
    [InlineData(95, 95_000)]
    [InlineData(99, 99_000)]
    [InlineData(100, 100_000)]
    public void ValueAtPercentile_UniformOneToHundredThousand_WithinTwoPercent(double percentile, double expected)
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100_000; i++)
        {
            histogram.Record(i);
        }

        var actual = histogram.ValueAtPercentile(percentile);

        AssertWithin(expected, actual);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(90)]
    [InlineData(95)]
    [InlineData(99)]
    [InlineData(99.9)]
    public void ValueAtPercentile_ExponentialMean200_WithinTwoPercentOfQuantile(double percentile)
    {
        const int n = 100_000;
        var histogram = new LatencyHistogram();
        for (var i = 0; i < n; i++)
        {
            histogram.Record(-200 * Math.Log(1 - ((i + 0.5) / n)));
        }

        var actual = histogram.ValueAtPercentile(percentile);

        AssertWithin(-200 * Math.Log(1 - (percentile / 100)), actual);
    }

    [Fact]
    public void ValueAtPercentile_SingleValue_ReturnsItWithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(123.4);

        var p50 = histogram.ValueAtPercentile(50);
        var p99 = histogram.ValueAtPercentile(99);

        Assert.InRange(p50, 123.4 * 0.99, 123.4);
        Assert.Equal(p50, p99);
    }

    [Fact]
    public void ValueAtPercentile_Empty_ReturnsZero()
    {
        var histogram = new LatencyHistogram();

        var actual = histogram.ValueAtPercentile(99);

        Assert.Equal(0, actual);
    }

    [Fact]
    public void ValueAtPercentile_AboveAnHour_ReturnsExactMaximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(10);
        histogram.Record(7_200_000);

        var actual = histogram.ValueAtPercentile(100);

        Assert.Equal(7_200_000, actual);
    }

    [Fact]
    public void Record_Values_TracksCountSumMaxAndMean()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(10);
        histogram.Record(20);
        histogram.Record(60);

        Assert.Equal(3, histogram.Count);
        Assert.Equal(90, histogram.Sum);
        Assert.Equal(60, histogram.Max);
        Assert.Equal(30, histogram.Mean);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Record_InvalidValue_CountsAsZero(double value)
    {
        var histogram = new LatencyHistogram();

        histogram.Record(value);

        Assert.Equal(1, histogram.Count);
        Assert.Equal(0, histogram.Sum);
        Assert.Equal(0, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Record_NarrowRange_StoresOnlyBucketsHit()
    {
        var histogram = new LatencyHistogram();

        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(100 + (i % 10));
        }

        Assert.InRange(histogram.Buckets.Length, 1, 6);
        Assert.Equal(histogram.Buckets.Length, histogram.Counts.Length);
    }

    [Fact]
    public void Merge_TwoHalves_EqualsHistogramOfTheWhole()
    {
        var whole = new LatencyHistogram();
        var low = new LatencyHistogram();
        var high = new LatencyHistogram();
        for (var i = 1; i <= 2_000; i++)
        {
            whole.Record(i * 1.5);
            (i % 3 == 0 ? high : low).Record(i * 1.5);
        }

        low.Merge(high);

        Assert.Equal(whole.Buckets, low.Buckets);
        Assert.Equal(whole.Counts, low.Counts);
        Assert.Equal(whole.Count, low.Count);
        Assert.Equal(whole.Sum, low.Sum, 6);
        Assert.Equal(whole.Max, low.Max);
        Assert.Equal(whole.ValueAtPercentile(95), low.ValueAtPercentile(95));
    }

    [Fact]
    public void Merge_IntoEmpty_CopiesEverything()
    {
        var source = new LatencyHistogram();
        source.Record(5);
        source.Record(500);
        var target = new LatencyHistogram();

        target.Merge(source);

        Assert.Equal(2, target.Count);
        Assert.Equal(500, target.Max);
        Assert.Equal(source.Buckets, target.Buckets);
    }

    [Fact]
    public void Serialize_SystemTextJson_RoundTrips()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0.05);
        histogram.Record(42);
        histogram.Record(4_200);

        var json = JsonSerializer.Serialize(histogram);
        var copy = JsonSerializer.Deserialize<LatencyHistogram>(json)!;

        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Equal(histogram.Buckets, copy.Buckets);
        Assert.Equal(histogram.Counts, copy.Counts);
        Assert.Equal(histogram.Sum, copy.Sum);
        Assert.Equal(histogram.ValueAtPercentile(50), copy.ValueAtPercentile(50));
    }

    private static void AssertWithin(double expected, double actual) =>
        Assert.InRange(actual, expected * (1 - Tolerance), expected * (1 + Tolerance));
}
