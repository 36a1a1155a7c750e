using System.Collections.Immutable;
using OrleansCron.History;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>The silo's run store, with a hook run once right after the next schedule load: what another activation
/// does between this one's read and its write.</summary>
internal sealed class RunStoreWithLoadHook(IRunStore inner) : IRunStore
{
    public Func<ScheduleRunState, Task>? AfterNextLoad { get; set; }

    public async Task<ScheduleRunState> LoadScheduleStateAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        var state = await inner.LoadScheduleStateAsync(scheduleId, cancellationToken);
        if (AfterNextLoad is { } hook)
        {
            AfterNextLoad = null;
            await hook(state);
        }

        return state;
    }

    public Task<ImmutableArray<bool>> TryClaimAsync(ImmutableArray<RunRecord> runs, CancellationToken cancellationToken = default) =>
        inner.TryClaimAsync(runs, cancellationToken);

    public Task<ImmutableArray<bool>> TryUpdateAsync(ImmutableArray<RunChange> changes, CancellationToken cancellationToken = default) =>
        inner.TryUpdateAsync(changes, cancellationToken);

    public Task<ImmutableArray<UnfinishedClaim>> ListUnfinishedClaimsAsync(CancellationToken cancellationToken = default) =>
        inner.ListUnfinishedClaimsAsync(cancellationToken);

    public Task<RunRecord?> GetAsync(string scheduleId, long occurrence, CancellationToken cancellationToken = default) =>
        inner.GetAsync(scheduleId, occurrence, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset finishedBefore, int batchSize, CancellationToken cancellationToken = default) =>
        inner.PruneAsync(finishedBefore, batchSize, cancellationToken);
}
