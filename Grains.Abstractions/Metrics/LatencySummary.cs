namespace OrleansCron.Metrics;

/// <summary>Attempt latency over a window, in milliseconds (percentiles within about 2 %).</summary>
[GenerateSerializer, Immutable, Alias("oc.LatencySummary")]
public sealed record LatencySummary(
    [property: Id(0)] long Count,
    [property: Id(1)] double AverageMs,
    [property: Id(2)] double P50Ms,
    [property: Id(3)] double P95Ms,
    [property: Id(4)] double P99Ms,
    [property: Id(5)] double MaxMs);
