using System.Collections.Immutable;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Catalog;

/// <summary>
/// The listing projection of targets and schedules. Grains upsert it after each change and again on
/// activation, so it heals itself; it is never the source of truth for a single resource.
/// </summary>
internal interface ICatalogStore
{
    Task UpsertTargetAsync(TargetView target, CancellationToken cancellationToken = default);

    Task DeleteTargetAsync(string targetId, CancellationToken cancellationToken = default);

    /// <summary>Records that a schedule fires a target (idempotent).</summary>
    Task LinkScheduleAsync(string targetId, string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Removes that record (idempotent).</summary>
    Task UnlinkScheduleAsync(string targetId, string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>The schedules recorded as firing a target, in id order. Unlike the listings, these records are the
    /// source of truth: the target grain keeps no copy in its state.</summary>
    Task<ImmutableArray<string>> LinkedSchedulesAsync(string targetId, CancellationToken cancellationToken = default);

    Task UpsertScheduleAsync(ScheduleView schedule, CancellationToken cancellationToken = default);

    Task DeleteScheduleAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Records a schedule's next fire. Coalesced and written in the background in batches, because it
    /// changes on every fire; a crash may lose the latest value, which the next activation rewrites.</summary>
    void SetNextFireAt(string scheduleId, DateTimeOffset? nextFireAt);

    /// <summary>Targets in id order; each item's <see cref="TargetView.ScheduleCount"/> counts its linked schedules.</summary>
    Task<TargetPage> ListTargetsAsync(TargetQuery query, CancellationToken cancellationToken = default);

    /// <summary>Schedules in id order; each item's <see cref="ScheduleView.NextFireAt"/> is the latest recorded, and <see cref="ScheduleView.LastRun"/> is null.</summary>
    Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default);

    /// <summary>Active schedules with a next fire, soonest first.</summary>
    Task<ImmutableArray<UpcomingEntry>> UpcomingAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids of active schedules whose next fire is before <paramref name="before"/> (overdue ones included), for the start-up sweep.</summary>
    Task<ImmutableArray<string>> DueBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
