using OrleansCron.Metrics;

namespace OrleansCron.Gateway.Contracts;

/// <summary>Attempt latency over a window, in milliseconds.</summary>
public sealed record LatencyResponse(long Count, double AvgMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    internal static LatencyResponse From(LatencySummary latency) =>
        new(latency.Count, latency.AverageMs, latency.P50Ms, latency.P95Ms, latency.P99Ms, latency.MaxMs);
}
