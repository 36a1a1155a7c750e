using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCron.Catalog;
using OrleansCron.History;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>
/// Wakes schedules that must not wait for their reminder. A schedule comes back by itself only when its reminder
/// ticks, up to a period later, which is too late (a) after a restart and (b) after a silo died with schedules active
/// on it. So when this silo becomes active, and again whenever the cluster declares a silo dead (then only on one
/// surviving silo, the one with the lowest address), every active schedule that is overdue or due within the horizon
/// is woken: its grain reactivates where the directory places it, recovers the runs the dead silo cut off, and
/// handles what it missed by its misfire policy. Waking a schedule that is alive elsewhere is a cheap no-op call.
/// </summary>
internal sealed partial class WakeSweep(
    ICatalogStore catalog,
    IRunStore runs,
    ClaimOwnership ownership,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<WakeSweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 64;
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WakeSweep), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // In the background: the silo must not wait for thousands of activations to report itself active.
        _ = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await SweepAsync("start-up", cancellationToken);
        try
        {
            var dead = new HashSet<SiloAddress>();
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToArray();
                if (newlyDead.Length > 0 && IsSweeper(snapshot))
                {
                    await SweepAsync($"silo {string.Join(", ", newlyDead.Select(s => s.ToString()))} died", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // One survivor sweeps, so a death costs one wake per schedule, not one per silo.
    private bool IsSweeper(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .Order()
            .FirstOrDefault() == localSilo.SiloAddress;

    internal async Task<int> SweepAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            var due = await catalog.DueBeforeAsync(time.GetUtcNow() + options.Value.SweepHorizon, cancellationToken);
            var orphaned = await OrphanedAsync(cancellationToken);
            var notDue = orphaned.Except(due).ToArray();
            await Parallel.ForEachAsync(
                due.Concat(notDue),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (id, ct) =>
                {
                    try
                    {
                        var schedule = grains.GetGrain<IScheduleGrain>(id);
                        await (orphaned.Contains(id) ? schedule.TakeOverAsync(ct) : schedule.WakeAsync(ct));
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        LogWakeFailed(logger, ex, id);
                    }
                });
            var woken = due.Length + notDue.Length;
            LogSwept(logger, woken, reason);
            return woken;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex)
        {
            LogSweepFailed(logger, ex, reason);
            return 0;
        }
    }

    /// <summary>Schedules with runs claimed by a silo that no longer fires (stopping, stopped or dead): waiting runs
    /// it will never start, and attempts it may have cut off. Their schedule may be active on another silo already,
    /// where nothing would look at those runs again.</summary>
    private async Task<HashSet<string>> OrphanedAsync(CancellationToken cancellationToken)
    {
        var claims = await runs.ListUnfinishedClaimsAsync(cancellationToken);
        return claims.Where(c => !ownership.IsFiring(c.ClaimedBy)).Select(c => c.ScheduleId).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} schedule(s) due soon or with runs left by a silo that is gone ({Reason})")]
    private static partial void LogSwept(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake schedule {ScheduleId}; its reminder will")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wake sweep ({Reason}) failed; reminders will wake the schedules")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string reason);
}
