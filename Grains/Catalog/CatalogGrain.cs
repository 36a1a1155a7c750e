using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansCron.Catalog;

/// <summary>Lists targets and schedules for the gateway from the catalog projection.</summary>
[StatelessWorker, GrainType("catalog")]
internal sealed class CatalogGrain(ICatalogStore catalog) : Grain, ICatalogGrain
{
    public Task<TargetPage> ListTargetsAsync(TargetQuery query, CancellationToken cancellationToken) =>
        catalog.ListTargetsAsync(query, cancellationToken);

    public Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken) =>
        catalog.ListSchedulesAsync(query, cancellationToken);

    public Task<ImmutableArray<UpcomingEntry>> UpcomingAsync(int limit, CancellationToken cancellationToken) =>
        catalog.UpcomingAsync(limit, cancellationToken);
}
