using System.Text.Json.Serialization;

namespace OrleansCron.Bench.Analysis;

/// <summary>What one side (the service or the floor) did in a measurement window.</summary>
/// <param name="Side">"service" or "floor".</param>
/// <param name="Schedules">Schedules that had instants in the window.</param>
/// <param name="Expected">Due instants inside the window.</param>
/// <param name="Observed">Expected instants that arrived at the sink (each counted once).</param>
/// <param name="Missed">Expected instants that never arrived.</param>
/// <param name="Repeated">Arrivals whose Idempotency-Key had arrived before (any time in the run).</param>
/// <param name="Unexpected">Arrivals in the window that were not an expected instant of a known schedule.</param>
/// <param name="Early">Arrivals before their scheduled instant (counted as 0 ms late).</param>
/// <param name="P50Ms">Lateness (arrival minus scheduled instant), median, ms.</param>
/// <param name="P99Ms">Lateness, 99th percentile, ms.</param>
/// <param name="P999Ms">Lateness, 99.9th percentile, ms.</param>
/// <param name="MaxMs">Lateness, maximum, ms.</param>
/// <param name="LastArrivalMs">Last arrival minus the window start, ms (a burst's time to drain).</param>
/// <param name="FiresPerSecond">Observed fires over the window's length (a burst: over its drain time).</param>
/// <param name="CpuSeconds">CPU seconds the side's processes used during the window.</param>
/// <param name="PeakRssBytes">Peak resident memory of the side's processes.</param>
/// <param name="RowsPerSecond">Run rows written for the window's instants per second of window (service only).</param>
public sealed record FireFigures(
    string Side,
    int Schedules,
    long Expected,
    long Observed,
    long Missed,
    long Repeated,
    long Unexpected,
    long Early,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double LastArrivalMs,
    double FiresPerSecond,
    double CpuSeconds,
    long PeakRssBytes,
    double? RowsPerSecond)
{
    /// <summary>CPU seconds per 1,000 observed fires.</summary>
    public double CpuPer1000 => Observed == 0 ? 0 : CpuSeconds * 1000 / Observed;

    /// <summary>
    /// CPU seconds a database server in processes of its own (cluster mode's PostgreSQL) used during the window,
    /// apart from <see cref="CpuSeconds"/>; null when there is none (standalone: SQLite is inside the service).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DatabaseCpuSeconds { get; init; }

    /// <summary>Database CPU seconds per 1,000 observed fires.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DatabaseCpuPer1000 => DatabaseCpuSeconds is { } seconds ? (Observed == 0 ? 0 : seconds * 1000 / Observed) : null;
}
