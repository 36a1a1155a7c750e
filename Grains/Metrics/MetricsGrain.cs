using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansCron.Storage;

namespace OrleansCron.Metrics;

/// <summary>
/// Aggregates finished runs for the whole service under <see cref="IMetricsGrain.GlobalKey"/> (each schedule keeps its own,
/// see <c>ScheduleGrain.Metrics</c>).
/// Changes stay in memory and are written by a one-shot timer a few seconds later (and on deactivation), so a burst of
/// batches costs one write; metrics may lose those last seconds in a crash, which is the price of not writing per batch.
/// </summary>
[GrainType("metrics")]
internal sealed partial class MetricsGrain(
    [PersistentState(StorageNames.MetricsState, StorageNames.GrainStorage)] IPersistentState<MetricsState> state,
    TimeProvider timeProvider,
    IOptions<MetricsOptions> options,
    ILogger<MetricsGrain> logger) : Grain, IMetricsGrain
{
    private readonly TimeSpan _persistInterval = options.Value.PersistInterval;

    public Task RecordAsync(ImmutableArray<RunOutcome> runs, CancellationToken cancellationToken = default)
    {
        if (runs.IsDefaultOrEmpty)
        {
            return Task.CompletedTask;
        }

        state.State.Record(runs, timeProvider.GetUtcNow());
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<MetricsSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ToSnapshot(this.GetPrimaryKeyString(), timeProvider.GetUtcNow()));

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        state.State = new MetricsState();
        _dirty = false;
        try
        {
            await state.ClearStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            // The empty state is what must end up stored: the persist timer writes it later.
            LogClearFailed(logger, this.GetPrimaryKeyString(), exception);
            MarkDirty();
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty && !_superseded)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
                _dirty = false;
            }
            catch (Exception exception)
            {
                LogDeactivationWriteFailed(logger, this.GetPrimaryKeyString(), exception);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }
}
