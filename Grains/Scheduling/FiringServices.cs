using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Reminders;
using OrleansCron.Catalog;
using OrleansCron.Dispatch;
using OrleansCron.History;
using OrleansCron.Metrics;

namespace OrleansCron.Scheduling;

/// <summary>The silo-local services a schedule grain fires through, bundled so the grain's constructor stays short.
/// <see cref="ReminderClock"/> is the reminder service's own clock (the grains' one, outside tests): the times of a
/// reminder's ticks are in its terms.</summary>
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
    CompletionPacer Completions,
    IReminderTable Reminders,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider ReminderClock,
    IOptions<SchedulingOptions> Options);
