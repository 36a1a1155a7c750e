namespace OrleansCron.Metrics;

/// <summary>The silo-local collector: takes finished runs without blocking and flushes them in batches
/// to the global <see cref="IMetricsGrain"/>.</summary>
internal interface IMetricsAggregator
{
    void Add(RunOutcome outcome);
}
