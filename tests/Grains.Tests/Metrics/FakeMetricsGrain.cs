using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansCron.Metrics;

namespace OrleansCron.Tests.Metrics;

/// <summary>Records the batches sent to one metrics grain; can be told to fail the next calls.</summary>
public sealed class FakeMetricsGrain : IMetricsGrain
{
    private int _failures;
    private int _calls;

    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<ImmutableArray<RunOutcome>> Batches { get; } = new();

    /// <summary>Completes when the first batch has been recorded.</summary>
    public Task Received => _received.Task;

    public int Calls => Volatile.Read(ref _calls);

    public void FailNext(int calls) => _failures = calls;

    public Task RecordAsync(ImmutableArray<RunOutcome> runs, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new TimeoutException("Fake failure.");
        }

        Batches.Enqueue(runs);
        _received.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<MetricsSnapshot> GetAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ClearAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
