using OrleansCron.Runs;

namespace OrleansCron.Dispatch;

internal sealed partial class HttpDispatcher
{
    private async Task ConsumeAsync()
    {
        var reader = _ready.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var entry))
                {
                    Interlocked.Decrement(ref _queued);
                    if (entry.IsCancelled)
                    {
                        continue;
                    }

                    await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    if (StartSending(entry))
                    {
                        _ = Task.Run(() => RunAsync(entry.Request));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: attempts not yet sent stay claimed in the run store and are recovered after restart.
        }
    }

    private async Task RunAsync(DispatchRequest request)
    {
        try
        {
            AttemptOutcome outcome;
            try
            {
                outcome = await _sender.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                LogAbandoned(_logger, request.ScheduleId, request.Occurrence, request.Attempt);
                return;
            }
            finally
            {
                _slots.Release();
            }

            LogSent(_logger, request.ScheduleId, request.Occurrence, request.Attempt, outcome.Attempt.StatusCode, outcome.Attempt.ErrorClass, outcome.Attempt.DurationMs);
            await ReportAsync(request, outcome).ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Hands the outcome to the schedule, trying until it is delivered or the dispatcher stops (a graceful stop waits for
    /// it, up to the drain timeout). A schedule can be out of reach for a while when a silo leaves the cluster: the
    /// report may have to activate it again, and that fails until the cluster has settled (seen in the rolling-restart
    /// test: the activation's call to its target grain went to the departed silo). Giving up would not keep the
    /// occurrence single: the run would stay "running", claimed by this silo, and once the silo is gone it would be
    /// taken for cut off and sent again although it was answered.
    /// </summary>
    private async Task ReportAsync(DispatchRequest request, AttemptOutcome outcome)
    {
        var delay = DispatchDefaults.ReportBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _reporter.ReportAsync(request.ScheduleId, outcome).WaitAsync(_stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                LogAbandoned(_logger, request.ScheduleId, request.Occurrence, request.Attempt);
                return;
            }
            catch (Exception exception)
            {
                LogReportRetry(_logger, exception, request.ScheduleId, request.Occurrence, attempt, delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, _timeProvider, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogAbandoned(_logger, request.ScheduleId, request.Occurrence, request.Attempt);
                return;
            }

            delay = delay * 2 < DispatchDefaults.MaxReportBackoff ? delay * 2 : DispatchDefaults.MaxReportBackoff;
        }
    }
}
