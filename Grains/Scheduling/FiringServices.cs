using Microsoft.Extensions.Options;
using OrleansCron.Catalog;
using OrleansCron.Dispatch;
using OrleansCron.History;
using OrleansCron.Metrics;

namespace OrleansCron.Scheduling;

/// <summary>The silo-local services a schedule grain fires through, bundled so the grain's constructor stays short.</summary>
internal sealed record FiringServices(
    IRunStore Runs,
    ICatalogStore Catalog,
    IDispatcher Dispatcher,
    IMetricsAggregator Metrics,
    IMetricsStore MetricsStore,
    IOptions<MetricsOptions> MetricsOptions,
    ClaimOwnership Ownership,
    IJitterSource Jitter,
    FiringGate Gate,
    IOptions<SchedulingOptions> Options);
