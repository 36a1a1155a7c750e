using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Storage;

namespace OrleansCron.Targets;

/// <summary>Owns one HTTP request definition. The schedules that fire it are recorded one row each in the catalog
/// store (<see cref="ICatalogStore.LinkScheduleAsync"/>), so creating a schedule costs one small write however many
/// share the target; this grain holds them in memory while it is active.</summary>
[GrainType("target")]
internal sealed partial class TargetGrain(
    [PersistentState(StorageNames.TargetState, StorageNames.GrainStorage)] IPersistentState<TargetState> state,
    ICatalogStore catalog,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<TargetGrain> logger) : Grain, ITargetGrain
{
    private HashSet<string> _schedules = new(StringComparer.Ordinal);

    private string Id => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && state.State.Spec is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        if (state.State.ScheduleIds.Count > 0)
        {
            // State written before the links table: move the set there, once.
            foreach (var scheduleId in state.State.ScheduleIds)
            {
                await catalog.LinkScheduleAsync(Id, scheduleId, cancellationToken);
            }

            await WriteAsync(s => s.ScheduleIds = []);
        }

        _schedules = new HashSet<string>(await catalog.LinkedSchedulesAsync(Id, cancellationToken), StringComparer.Ordinal);

        // The catalog is a projection: re-upserting on activation heals it after a crash between the
        // state write and the catalog write.
        await catalog.UpsertTargetAsync(View(), cancellationToken);
    }

    public async Task<TargetResult> CreateAsync(TargetSpec spec, string? ownerScheduleId, CancellationToken cancellationToken)
    {
        if (Exists)
        {
            return new TargetResult(TargetOutcome.Conflict, View(), $"Target '{Id}' already exists.");
        }

        var now = Now();
        await WriteAsync(s =>
        {
            s.Spec = spec;
            s.CreatedAt = now;
            s.UpdatedAt = now;
            s.OwnerScheduleId = ownerScheduleId;
        });
        await catalog.UpsertTargetAsync(View(), cancellationToken);
        return new TargetResult(TargetOutcome.Created, View());
    }

    public Task<TargetView?> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? View() : null);

    public async Task<TargetResult> ReplaceAsync(TargetSpec spec, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return TargetResult.NotFound;
        }

        var merged = KeepMaskedSecrets(spec, state.State.Spec!);
        var now = Now();
        await WriteAsync(s =>
        {
            s.Spec = merged;
            s.UpdatedAt = now;
        });
        await catalog.UpsertTargetAsync(View(), cancellationToken);

        // Schedules cache the definition so that a fire costs no extra grain hop; push the change to them.
        await Task.WhenAll(_schedules.Select(id =>
            GrainFactory.GetGrain<IScheduleGrain>(id).TargetChangedAsync(merged, cancellationToken)));
        return new TargetResult(TargetOutcome.Ok, View());
    }

    public async Task<TargetResult> DeleteAsync(bool cascade, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return TargetResult.NotFound;
        }

        var scheduleIds = _schedules.Order(StringComparer.Ordinal).ToArray();
        if (scheduleIds.Length > 0 && !cascade)
        {
            return new TargetResult(
                TargetOutcome.Conflict,
                View(),
                $"Target '{Id}' is used by {scheduleIds.Length} schedule(s) ({string.Join(", ", scheduleIds.Take(10))}); delete them first or pass cascade=true.");
        }

        // Each schedule deletes itself without calling back here (this grain is not reentrant).
        foreach (var scheduleId in scheduleIds)
        {
            await GrainFactory.GetGrain<IScheduleGrain>(scheduleId).DeleteWithTargetAsync(cancellationToken);
        }

        await DeleteSelfAsync(cancellationToken);
        LogTargetDeleted(logger, Id, scheduleIds.Length);
        return new TargetResult(TargetOutcome.Ok, null);
    }

    public async Task<TargetSpec?> AttachScheduleAsync(string scheduleId, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return null;
        }

        // Recorded before the schedule is: a crash in between leaves a link to a schedule that does not exist,
        // which a cascade deletes harmlessly; the other way round would leave a schedule its target does not know.
        if (!_schedules.Contains(scheduleId))
        {
            await catalog.LinkScheduleAsync(Id, scheduleId, cancellationToken);
            _schedules.Add(scheduleId);
        }

        return state.State.Spec;
    }

    public async Task DetachScheduleAsync(string scheduleId, CancellationToken cancellationToken)
    {
        if (!Exists || !_schedules.Contains(scheduleId))
        {
            return;
        }

        if (state.State.OwnerScheduleId == scheduleId && _schedules.Count == 1)
        {
            await DeleteSelfAsync(cancellationToken);
            return;
        }

        await catalog.UnlinkScheduleAsync(Id, scheduleId, cancellationToken);
        _schedules.Remove(scheduleId);
    }

    private async Task DeleteSelfAsync(CancellationToken cancellationToken)
    {
        await state.ClearStateAsync(cancellationToken);
        state.State = new TargetState();
        await catalog.DeleteTargetAsync(Id, cancellationToken);
        _schedules.Clear();
        DeactivateOnIdle();
    }

    /// <summary>Applies a change and writes it; if the write fails, the in-memory state is put back as it was,
    /// so memory never claims what storage does not hold.</summary>
    private async Task WriteAsync(Action<TargetState> change)
    {
        var before = Copy(state.State);
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }

    private TargetView View()
    {
        var s = state.State;
        return new TargetView(Id, TargetMasking.Mask(s.Spec!), s.CreatedAt, s.UpdatedAt, _schedules.Count, s.OwnerScheduleId);
    }

    private static TargetSpec KeepMaskedSecrets(TargetSpec incoming, TargetSpec stored)
    {
        var headers = incoming.Headers;
        foreach (var (name, value) in incoming.Headers)
        {
            if (value == SecretHeaders.Mask && stored.Headers.TryGetValue(name, out var kept))
            {
                headers = headers.SetItem(name, kept);
            }
        }

        return incoming with { Headers = headers };
    }

    private static TargetState Copy(TargetState s) => new()
    {
        Spec = s.Spec,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        ScheduleIds = [.. s.ScheduleIds],
        OwnerScheduleId = s.OwnerScheduleId,
    };

    private DateTimeOffset Now() => TruncateToMilliseconds(time.GetUtcNow());

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
