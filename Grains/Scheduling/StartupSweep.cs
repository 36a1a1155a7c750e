using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCron.Catalog;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>
/// After a restart a schedule comes back only when its reminder ticks, up to a period later. This wakes,
/// as soon as the silo is active, every active schedule that is overdue or due within the horizon, so that
/// firing resumes within seconds and missed occurrences are handled by their misfire policy at once.
/// </summary>
internal sealed partial class StartupSweep(
    ICatalogStore catalog,
    IGrainFactory grains,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    ILogger<StartupSweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 64;
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StartupSweep), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // In the background: the silo must not wait for thousands of activations to report itself active.
        _ = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var due = await catalog.DueBeforeAsync(time.GetUtcNow() + options.Value.StartupSweepHorizon, cancellationToken);
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (id, ct) =>
                {
                    try
                    {
                        await grains.GetGrain<IScheduleGrain>(id).WakeAsync(ct);
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        LogWakeFailed(logger, ex, id);
                    }
                });
            LogSwept(logger, due.Length);
            return due.Length;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up sweep woke {Count} schedule(s) due soon")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up sweep could not wake schedule {ScheduleId}; its reminder will")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string scheduleId);
}
