using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansCron.Metrics;
using OrleansCron.Runs;

namespace OrleansCron.Scheduling;

/// <summary>
/// The schedule's own metrics: kept here, where every run finishes, so a fire costs no call to another grain. Finished
/// runs are noted in memory and booked when the metrics are read or saved; saves go to the metrics store (written in
/// batches) at most once per persist interval: at once when a sent run finishes and the last save is older than that
/// (no timer, no extra turn: the common case for any schedule slower than the interval), otherwise by a timer at the
/// end of it; and on deactivation. A crash can lose the last seconds of them, never a run.
/// </summary>
internal sealed partial class ScheduleGrain
{
    private readonly List<RunOutcome> _unbooked = [];
    private PackedMetrics? _metrics;
    private bool _metricsDirty;
    private bool _metricsSaveArmed;
    private long _metricsSavedAt = long.MinValue;
    private IGrainTimer? _metricsTimer;

    public async Task<MetricsSnapshot?> GetMetricsAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return null;
        }

        var metrics = await BookMetricsAsync();
        return metrics.ToSnapshot(Id, time.GetUtcNow());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (await SaveMetricsAsync())
            {
                await services.MetricsStore.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex)
        {
            LogMetricsSaveFailed(logger, ex, Id);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    // savingNow: the caller saves the metrics in this turn, so no timer is needed.
    private void CountInMetrics(RunOutcome outcome, bool savingNow)
    {
        if (!Exists)
        {
            return;
        }

        _unbooked.Add(outcome);
        if (!savingNow)
        {
            ArmMetricsSave();
        }
    }

    private void ArmMetricsSave()
    {
        if (_metricsSaveArmed)
        {
            return;
        }

        var delay = services.MetricsOptions.Value.PersistInterval;
        if (_metricsTimer is null)
        {
            _metricsTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnMetricsSaveDueAsync(),
                this,
                new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _metricsTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        _metricsSaveArmed = true;
    }

    /// <summary>Books a run that was sent and finished; saves the metrics in this turn when the last save is older than
    /// the persist interval (else <see cref="CountInMetrics"/> arms the timer as usual).</summary>
    private async Task FinishedAndSavedAsync(RunRecord run)
    {
        var interval = services.MetricsOptions.Value.PersistInterval;
        if (_metricsSaveArmed || !Exists
            || (_metricsSavedAt != long.MinValue && time.GetElapsedTime(_metricsSavedAt) < interval))
        {
            Finished(run);
            return;
        }

        Finished(run, savingMetrics: true);
        try
        {
            await SaveMetricsAsync();
        }
        catch (Exception ex)
        {
            // The outcome stays in memory; the timer tries again.
            LogMetricsSaveFailed(logger, ex, Id);
            ArmMetricsSave();
        }
    }

    /// <summary>Forgets the metrics, in memory and stored (the schedule was deleted).</summary>
    private void ForgetMetrics()
    {
        _unbooked.Clear();
        _metrics = null;
        _metricsDirty = false;
        services.MetricsStore.Delete(Id);
    }

    private async Task OnMetricsSaveDueAsync()
    {
        _metricsSaveArmed = false;
        try
        {
            await SaveMetricsAsync();
        }
        catch (Exception ex)
        {
            // The outcomes stay in memory; the next change or the deactivation saves them.
            LogMetricsSaveFailed(logger, ex, Id);
        }
    }

    /// <summary>Books what is unbooked and queues the result in the store; false when there was nothing to save.</summary>
    private async Task<bool> SaveMetricsAsync()
    {
        if (!Exists || (_unbooked.Count == 0 && !_metricsDirty))
        {
            return false;
        }

        var metrics = await BookMetricsAsync();
        services.MetricsStore.Save(Id, metrics.Encode());
        _metricsDirty = false;
        _metricsSavedAt = time.GetTimestamp();
        return true;
    }

    private async Task<PackedMetrics> BookMetricsAsync()
    {
        _metrics ??= await LoadMetricsAsync();
        if (_unbooked.Count > 0)
        {
            _metrics.Record([.. _unbooked], time.GetUtcNow());
            _unbooked.Clear();
            _metricsDirty = true;
        }

        return _metrics;
    }

    private async Task<PackedMetrics> LoadMetricsAsync()
    {
        var payload = await services.MetricsStore.LoadAsync(Id);
        if (payload is null)
        {
            return new PackedMetrics();
        }

        try
        {
            return PackedMetrics.Decode(payload, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            // Metrics are derived: a row that cannot be read is started afresh rather than stop the schedule.
            LogMetricsUnreadable(logger, ex, Id);
            return new PackedMetrics();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: saving its metrics failed")]
    private static partial void LogMetricsSaveFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: its stored metrics could not be read; starting them afresh")]
    private static partial void LogMetricsUnreadable(ILogger logger, Exception exception, string scheduleId);
}
