using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>Aggregates over one window (all time, the last hour or the last day).</summary>
/// <param name="Runs">Finished runs by status.</param>
/// <param name="Attempts">Attempts by error class (<see cref="ErrorClass.None"/> counts successes).</param>
/// <param name="SuccessRate">Succeeded runs over runs that were sent (succeeded + failed + interrupted), or null when none were.</param>
/// <param name="Latency">Attempt latency.</param>
[GenerateSerializer, Immutable, Alias("oc.MetricsWindow")]
public sealed record MetricsWindow(
    [property: Id(0)] ImmutableDictionary<RunStatus, long> Runs,
    [property: Id(1)] ImmutableDictionary<ErrorClass, long> Attempts,
    [property: Id(2)] double? SuccessRate,
    [property: Id(3)] LatencySummary Latency);
