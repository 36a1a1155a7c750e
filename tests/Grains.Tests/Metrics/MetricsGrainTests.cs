using Orleans.TestingHost;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Storage;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

[Collection(MetricsClusterCollection.Name)]
public class MetricsGrainTests(MetricsClusterFixture fixture)
{
    [Fact]
    public async Task GetAsync_AfterTwoBatches_ReportsCountsRateAndLatency()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-counts");
        var now = fixture.Time.GetUtcNow();
        await grain.RecordAsync(Batch(
            Succeeded("grain-counts", now, latencyMs: 100),
            Succeeded("grain-counts", now, latencyMs: 200)));
        await grain.RecordAsync(Batch(
            Run("grain-counts", RunStatus.Failed, now, Attempt(ErrorClass.Timeout, 400, now), Attempt(ErrorClass.Http5xx, 300, now)),
            Run("grain-counts", RunStatus.Missed, now)));

        var snapshot = await grain.GetAsync();

        Assert.Equal("grain-counts", snapshot.Scope);
        Assert.Equal(now, snapshot.AsOf);
        Assert.Equal(2, snapshot.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Failed]);
        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Missed]);
        Assert.Equal(1, snapshot.AllTime.Attempts[ErrorClass.Timeout]);
        Assert.Equal(2.0 / 3, snapshot.AllTime.SuccessRate!.Value, 9);
        Assert.Equal(4, snapshot.LastHour.Latency.Count);
        Assert.Equal(250, snapshot.LastHour.Latency.AverageMs, 6);
        Assert.InRange(snapshot.LastHour.Latency.P50Ms, 196, 204);
        Assert.InRange(snapshot.LastHour.Latency.P95Ms, 392, 400);
        Assert.InRange(snapshot.LastHour.Latency.P99Ms, 392, 400);
        Assert.Equal(400, snapshot.LastDay.Latency.MaxMs);
    }

    [Fact]
    public async Task GetAsync_After61Minutes_LastHourIsEmptyAndAllTimeKeepsTheRuns()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-hour");
        await grain.RecordAsync(Batch(Succeeded("grain-hour", fixture.Time.GetUtcNow())));

        fixture.Time.Advance(TimeSpan.FromMinutes(61));
        var snapshot = await grain.GetAsync();

        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, snapshot.LastHour.Latency.Count);
        Assert.Equal(1, snapshot.LastDay.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.AllTime.Latency.Count);
    }

    [Fact]
    public async Task RecordAsync_ThenDeactivation_StateSurvives()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-deactivate");
        await grain.RecordAsync(Batch(Succeeded("grain-deactivate", fixture.Time.GetUtcNow(), latencyMs: 42)));

        await fixture.Cluster.DeactivateAsync(grain);
        var snapshot = await grain.GetAsync();

        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(42, snapshot.AllTime.Latency.MaxMs);
    }

    [Fact]
    public async Task RecordAsync_PersistIntervalElapses_WritesStateOnce()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-persist");
        await grain.RecordAsync(Batch(Succeeded("grain-persist", fixture.Time.GetUtcNow())));
        await grain.RecordAsync(Batch(Succeeded("grain-persist", fixture.Time.GetUtcNow())));
        var before = await ReadStoredAsync(grain);

        fixture.Time.Advance(MetricsClusterFixture.PersistInterval);
        var after = await PollStoredAsync(grain, s => s.RecordExists);

        Assert.False(before.RecordExists);
        Assert.True(after.RecordExists);
        Assert.Equal(2, after.State!.AllTime.RunCount(RunStatus.Succeeded));
    }

    [Fact]
    public async Task RecordAsync_WriteFails_KeepsTheDataAndWritesItLater()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-write-fails");
        var faults = fixture.Grains.GetGrain<IStorageFaultGrain>(StorageNames.MetricsState);
        await faults.AddFaultOnWrite(grain.GetGrainId(), new InvalidOperationException("Injected write failure."));
        await grain.RecordAsync(Batch(Succeeded("grain-write-fails", fixture.Time.GetUtcNow())));
        fixture.Time.Advance(MetricsClusterFixture.PersistInterval);

        // Queued behind the timer's failed write, so it sees the state that write left behind.
        var afterFailure = await grain.GetAsync();
        var storedAfterFailure = await ReadStoredAsync(grain);
        fixture.Time.Advance(MetricsClusterFixture.PersistInterval);
        var stored = await PollStoredAsync(grain, s => s.RecordExists);

        Assert.Equal(1, afterFailure.AllTime.Runs[RunStatus.Succeeded]);
        Assert.False(storedAfterFailure.RecordExists);
        Assert.Equal(1, stored.State!.AllTime.RunCount(RunStatus.Succeeded));
    }

    [Fact]
    public async Task ClearAsync_AfterRecords_ForgetsEverythingAcrossDeactivation()
    {
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("grain-clear");
        await grain.RecordAsync(Batch(Succeeded("grain-clear", fixture.Time.GetUtcNow())));
        await fixture.Cluster.DeactivateAsync(grain);

        await grain.ClearAsync();
        var cleared = await grain.GetAsync();
        await fixture.Cluster.DeactivateAsync(grain);
        var reloaded = await grain.GetAsync();

        Assert.Equal(0, cleared.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, reloaded.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, reloaded.LastDay.Latency.Count);
    }

    private async Task<GrainState<MetricsState>> ReadStoredAsync(IMetricsGrain grain)
    {
        var stored = new GrainState<MetricsState>(new MetricsState());
        await fixture.Storage.ReadStateAsync(StorageNames.MetricsState, grain.GetGrainId(), stored);
        return stored;
    }

    private async Task<GrainState<MetricsState>> PollStoredAsync(IMetricsGrain grain, Func<GrainState<MetricsState>, bool> done)
    {
        // The timer callback is queued on the grain when the clock moves; its write lands shortly after.
        for (var i = 0; i < 100; i++)
        {
            var stored = await ReadStoredAsync(grain);
            if (done(stored))
            {
                return stored;
            }

            await Task.Delay(50);
        }

        return await ReadStoredAsync(grain);
    }
}
