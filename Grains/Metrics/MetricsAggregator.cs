using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansCron.Metrics;

/// <summary>
/// The silo-local collector behind <see cref="IMetricsAggregator"/>. <see cref="Add"/> only copies the outcome into a
/// buffer of values (under a lock held for that copy, see <see cref="OutcomeBuffer"/>); a loop
/// started when the silo becomes active flushes every <see cref="MetricsOptions.FlushInterval"/> to the global grain (each
/// schedule books its own runs itself), and the last outcomes are flushed when the silo stops. A batch whose send failed is
/// retried once on the next flush, then dropped: metrics must never hold back the silo.
/// </summary>
internal sealed partial class MetricsAggregator(
    IGrainFactory grainFactory,
    TimeProvider timeProvider,
    IOptions<MetricsOptions> options,
    ILogger<MetricsAggregator> logger) : IMetricsAggregator, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly MetricsOptions _options = options.Value;
    private readonly Lock _bufferLock = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private OutcomeBuffer _filling = new();
    private OutcomeBuffer _spare = new();
    private long _dropped;
    private Task? _loop;

    /// <summary>Outcomes waiting for the next flush.</summary>
    internal int BufferedCount
    {
        get
        {
            lock (_bufferLock)
            {
                return _filling.Count;
            }
        }
    }

    public void Add(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_bufferLock)
        {
            // Full (the global grain has been unreachable for a while): the newest are the ones dropped, so that what
            // is kept needs no moving.
            if (_filling.Count >= _options.MaxBufferedOutcomes)
            {
                _dropped++;
                return;
            }

            _filling.Add(outcome);
        }
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Active: grain calls work from start to stop, and the final flush runs before the runtime winds down.
        lifecycle.Subscribe(nameof(MetricsAggregator), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _flushGate.Dispose();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        // The timer exists before start returns, so a clock moved right after the silo is up already ticks it.
        var timer = new PeriodicTimer(_options.FlushInterval, timeProvider);
        _loop = Task.Run(() => RunAsync(timer, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        // A second pass gives batches that failed in the first their one retry.
        await FlushAsync(cancellationToken);
        if (HasRetries)
        {
            await FlushAsync(cancellationToken);
        }
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stopping))
                {
                    await FlushAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }
    }
}
