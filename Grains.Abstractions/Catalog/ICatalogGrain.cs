using System.Collections.Immutable;

namespace OrleansCron.Catalog;

/// <summary>Lists targets and schedules from the catalog projection (a stateless worker in every silo).</summary>
[Alias("oc.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Targets matching the query, in id order.</summary>
    [Alias("ListTargets")]
    Task<TargetPage> ListTargetsAsync(TargetQuery query, CancellationToken cancellationToken = default);

    /// <summary>Schedules matching the query, in id order.</summary>
    [Alias("ListSchedules")]
    Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default);

    /// <summary>The next fires across all active schedules, soonest first.</summary>
    [Alias("Upcoming")]
    Task<ImmutableArray<UpcomingEntry>> UpcomingAsync(int limit, CancellationToken cancellationToken = default);
}
