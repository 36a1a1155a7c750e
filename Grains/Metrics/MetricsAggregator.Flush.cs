using System.Collections.Immutable;

namespace OrleansCron.Metrics;

internal sealed partial class MetricsAggregator
{
    private List<PendingMetricsBatch> _retries = [];

    private bool HasRetries => _retries.Count > 0;

    /// <summary>Sends what is buffered, plus the batches that failed last time. Never throws for a failed send.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(CancellationToken.None);
        try
        {
            long dropped;
            lock (_bufferLock)
            {
                (dropped, _dropped) = (_dropped, 0);
            }

            if (dropped > 0)
            {
                LogOutcomesDropped(logger, dropped, _options.MaxBufferedOutcomes);
            }

            var batches = _retries;
            _retries = [];
            batches.AddRange(TakeBuffered());
            if (batches.Count == 0)
            {
                return;
            }

            var sent = await Task.WhenAll(batches.Select(batch => SendAsync(batch, cancellationToken)));
            for (var i = 0; i < batches.Count; i++)
            {
                if (sent[i])
                {
                    continue;
                }

                if (batches[i].IsRetry)
                {
                    LogBatchDropped(logger, batches[i].GrainKey, batches[i].Runs.Length);
                }
                else
                {
                    _retries.Add(batches[i] with { IsRetry = true });
                }
            }
        }
        catch (Exception exception)
        {
            LogFlushFailed(logger, exception);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private List<PendingMetricsBatch> TakeBuffered()
    {
        // Only the buffer is swapped under the lock; producers go on filling the other one while this one is drained.
        // Flushes are one at a time (the gate), so the spare is free by now.
        OutcomeBuffer taken;
        lock (_bufferLock)
        {
            taken = _filling;
            (_filling, _spare) = (_spare, taken);
        }

        var batches = new List<PendingMetricsBatch>();
        if (taken.Count == 0)
        {
            return batches;
        }

        // Each schedule books its own runs (ScheduleGrain.Metrics): only the service-wide sum travels.
        AddChunks(batches, IMetricsGrain.GlobalKey, taken.Drain());
        return batches;
    }

    private void AddChunks(List<PendingMetricsBatch> batches, string grainKey, List<RunOutcome> outcomes)
    {
        foreach (var chunk in outcomes.Chunk(_options.MaxBatchSize))
        {
            batches.Add(new PendingMetricsBatch(grainKey, ImmutableArray.Create(chunk), IsRetry: false));
        }
    }

    private async Task<bool> SendAsync(PendingMetricsBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await grainFactory.GetGrain<IMetricsGrain>(batch.GrainKey).RecordAsync(batch.Runs, cancellationToken);
            return true;
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, batch.GrainKey, batch.Runs.Length, batch.IsRetry, exception);
            return false;
        }
    }
}
