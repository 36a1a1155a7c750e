using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCron.Dispatch;

namespace OrleansCron.Scheduling;

/// <summary>
/// On a graceful stop (SIGTERM), before grains are deactivated: close the firing gate, then let attempts already
/// handed to the dispatcher finish and report, within <see cref="SchedulingOptions.DrainTimeout"/>. Runs still out
/// when time is up stay claimed in the store and are recovered as interrupted after the restart.
/// </summary>
internal sealed partial class GracefulDrain(
    FiringGate gate,
    IDispatcher dispatcher,
    IOptions<SchedulingOptions> options,
    [FromKeyedServices(TimeProviderNames.SystemTimers)] TimeProvider time,
    ILogger<GracefulDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Stops before the Active stage, whose participants (the metrics aggregator's last flush) stop after it.
    private const int Stage = ServiceLifecycleStage.Active + 100;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GracefulDrain), Stage, _ => Task.CompletedTask, OnStopAsync);

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        gate.Close();
        var timeout = options.Value.DrainTimeout;
        LogDraining(logger, timeout.TotalSeconds);
        var started = time.GetTimestamp();
        var drained = await gate.WaitUntilEmptyAsync(timeout, cancellationToken)
            && await dispatcher.DrainAsync(timeout - time.GetElapsedTime(started), cancellationToken);
        if (drained)
        {
            LogDrained(logger);
        }
        else
        {
            LogDrainTimedOut(logger, timeout.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new fires; letting in-flight attempts finish (up to {Seconds} s)")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: every in-flight attempt finished and was recorded")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: attempts still in flight after {Seconds} s; they will be recovered as interrupted")]
    private static partial void LogDrainTimedOut(ILogger logger, double seconds);
}
