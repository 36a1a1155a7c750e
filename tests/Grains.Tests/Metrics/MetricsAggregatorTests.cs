using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

public sealed class MetricsAggregatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 15, 20, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeGrainFactory _grains;
    private readonly MetricsAggregator _aggregator;

    public MetricsAggregatorTests()
    {
        (_, _grains) = FakeGrainFactory.Create();
        _aggregator = Aggregator(new MetricsOptions());
    }

    public void Dispose() => _aggregator.Dispose();

    [Fact]
    public async Task FlushAsync_OutcomesOfTwoSchedules_OneCallToTheGlobalGrainOnly()
    {
        _aggregator.Add(Succeeded("a", Now));
        _aggregator.Add(Succeeded("b", Now));
        _aggregator.Add(Run("a", RunStatus.Failed, Now));

        await _aggregator.FlushAsync(CancellationToken.None);

        // Each schedule books its own runs (ScheduleGrain): no call per schedule.
        Assert.Equal([IMetricsGrain.GlobalKey], _grains.Keys);
        Assert.Equal(3, Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches).Length);
        Assert.Equal(0, _aggregator.BufferedCount);
    }

    [Fact]
    public async Task FlushAsync_NothingBuffered_CallsNoGrain()
    {
        await _aggregator.FlushAsync(CancellationToken.None);

        Assert.Empty(_grains.Keys);
    }

    [Fact]
    public async Task FlushAsync_MoreThanMaxBatchSize_SplitsTheBatch()
    {
        using var aggregator = Aggregator(new MetricsOptions { MaxBatchSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            aggregator.Add(Succeeded("a", Now));
        }

        await aggregator.FlushAsync(CancellationToken.None);

        Assert.Equal([2, 2, 1], _grains.Grain(IMetricsGrain.GlobalKey).Batches.Select(b => b.Length).Order().Reverse());
    }

    [Fact]
    public async Task FlushAsync_SendFailsOnce_RetriesOnTheNextFlush()
    {
        _grains.Grain(IMetricsGrain.GlobalKey).FailNext(1);
        _aggregator.Add(Succeeded("a", Now));
        await _aggregator.FlushAsync(CancellationToken.None);

        await _aggregator.FlushAsync(CancellationToken.None);

        Assert.Single(Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches));
    }

    [Fact]
    public async Task FlushAsync_SendFailsTwice_DropsTheBatch()
    {
        _grains.Grain(IMetricsGrain.GlobalKey).FailNext(2);
        _aggregator.Add(Succeeded("a", Now));
        await _aggregator.FlushAsync(CancellationToken.None);
        await _aggregator.FlushAsync(CancellationToken.None);

        await _aggregator.FlushAsync(CancellationToken.None);

        Assert.Equal(2, _grains.Grain(IMetricsGrain.GlobalKey).Calls);
        Assert.Empty(_grains.Grain(IMetricsGrain.GlobalKey).Batches);
    }

    [Fact]
    public async Task Add_BeyondMaxBufferedOutcomes_KeepsTheFirstAndDropsTheRest()
    {
        using var aggregator = Aggregator(new MetricsOptions { MaxBufferedOutcomes = 3, MaxBatchSize = 3 });
        for (var i = 0; i < 5; i++)
        {
            aggregator.Add(Succeeded("a", Now.AddSeconds(i)));
        }

        await aggregator.FlushAsync(CancellationToken.None);
        aggregator.Add(Succeeded("a", Now.AddSeconds(9)));
        await aggregator.FlushAsync(CancellationToken.None);

        // Dropping counts per flush: room again after it.
        var sent = _grains.Grain(IMetricsGrain.GlobalKey).Batches.ToArray();
        Assert.Equal([Now, Now.AddSeconds(1), Now.AddSeconds(2)], sent[0].Select(o => o.FinishedAt));
        Assert.Equal([Now.AddSeconds(9)], sent[1].Select(o => o.FinishedAt));
    }

    [Fact]
    public async Task FlushAsync_RebuildsEachOutcomeAsAdded()
    {
        var failed = Run("a", RunStatus.Failed, Now, Attempt(ErrorClass.Timeout, 30_000, Now.AddSeconds(-40)), Attempt(ErrorClass.Http5xx, 12.5, Now.AddSeconds(-5)));
        var skipped = Run("b", RunStatus.Skipped, Now.AddSeconds(1));
        var succeeded = Succeeded("c", Now.AddSeconds(2), latencyMs: 7);
        _aggregator.Add(failed);
        _aggregator.Add(skipped);
        _aggregator.Add(succeeded);

        await _aggregator.FlushAsync(CancellationToken.None);

        var sent = Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches);
        Assert.Equal(3, sent.Length);
        foreach (var (expected, actual) in new[] { failed, skipped, succeeded }.Zip(sent))
        {
            Assert.Equal((expected.ScheduleId, expected.Status, expected.FinishedAt), (actual.ScheduleId, actual.Status, actual.FinishedAt));
            Assert.Equal([.. expected.Attempts], [.. actual.Attempts]);
        }
    }

    [Fact]
    public async Task Add_KeepsNoReferenceToTheOutcome()
    {
        // An outcome held until the flush outlived young collections and died in gen2: the buffer keeps its values.
        var added = AddAndForget(_aggregator, Now);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(added.TryGetTarget(out _));
        Assert.Equal(1, _aggregator.BufferedCount);
        await _aggregator.FlushAsync(CancellationToken.None);
        var sent = Assert.Single(Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches));
        Assert.Equal(("a", RunStatus.Succeeded, Now), (sent.ScheduleId, sent.Status, sent.FinishedAt));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<RunOutcome> AddAndForget(MetricsAggregator aggregator, DateTimeOffset finishedAt)
    {
        var outcome = Succeeded("a", finishedAt);
        aggregator.Add(outcome);
        return new WeakReference<RunOutcome>(outcome);
    }

    [Fact]
    public async Task Participate_FlushIntervalElapses_FlushesInTheBackground()
    {
        var lifecycle = new FakeSiloLifecycle();
        _aggregator.Participate(lifecycle);
        await lifecycle.StartAsync();
        _aggregator.Add(Succeeded("a", Now));

        _time.Advance(MetricsDefaults.FlushInterval);
        await _grains.Grain(IMetricsGrain.GlobalKey).Received.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches);
        await lifecycle.StopAsync();
    }

    [Fact]
    public async Task Participate_SiloStops_FlushesWhatRemains()
    {
        var lifecycle = new FakeSiloLifecycle();
        _aggregator.Participate(lifecycle);
        await lifecycle.StartAsync();
        _aggregator.Add(Succeeded("a", Now));
        _aggregator.Add(Succeeded("b", Now));

        await lifecycle.StopAsync();

        Assert.Equal(2, Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches).Length);
    }

    [Fact]
    public async Task Participate_SiloStopsAfterAFailedSend_RetriesBeforeStopping()
    {
        var lifecycle = new FakeSiloLifecycle();
        _aggregator.Participate(lifecycle);
        await lifecycle.StartAsync();
        _grains.Grain(IMetricsGrain.GlobalKey).FailNext(1);
        _aggregator.Add(Succeeded("a", Now));

        await lifecycle.StopAsync();

        Assert.Single(_grains.Grain(IMetricsGrain.GlobalKey).Batches);
    }

    private MetricsAggregator Aggregator(MetricsOptions options) =>
        new((IGrainFactory)(object)_grains, _time, Options.Create(options), NullLogger<MetricsAggregator>.Instance);
}
