using System.Collections.Immutable;

namespace OrleansCron.Metrics;

/// <summary>Aggregates finished runs for the whole service, under <see cref="GlobalKey"/> (each schedule's own are
/// <see cref="Schedules.IScheduleGrain.GetMetricsAsync"/>). Fed in batches by each silo's aggregator, never once per
/// fire.</summary>
[Alias("oc.IMetricsGrain")]
public interface IMetricsGrain : IGrainWithStringKey
{
    /// <summary>The key of the service-wide metrics grain.</summary>
    public const string GlobalKey = "$global";

    /// <summary>Adds a batch of finished runs.</summary>
    [Alias("Record")]
    Task RecordAsync(ImmutableArray<RunOutcome> runs, CancellationToken cancellationToken = default);

    /// <summary>The aggregates as of now.</summary>
    [Alias("Get")]
    Task<MetricsSnapshot> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets everything (the schedule was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync(CancellationToken cancellationToken = default);
}
