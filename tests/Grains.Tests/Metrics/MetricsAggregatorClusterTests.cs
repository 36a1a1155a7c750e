using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

[Collection(MetricsClusterCollection.Name)]
public class MetricsAggregatorClusterTests(MetricsClusterFixture fixture)
{
    [Fact]
    public async Task FlushAsync_InSilo_FeedsTheGlobalGrainOnly()
    {
        var aggregator = fixture.SiloServices.GetRequiredService<IMetricsAggregator>();
        var global = fixture.Grains.GetGrain<IMetricsGrain>(IMetricsGrain.GlobalKey);
        var globalBefore = (await global.GetAsync()).AllTime.Runs.Values.Sum();
        var now = fixture.Time.GetUtcNow();
        aggregator.Add(Succeeded("agg-a", now));
        aggregator.Add(Run("agg-a", RunStatus.Failed, now, Attempt(ErrorClass.Dns, 3, now)));
        aggregator.Add(Succeeded("agg-b", now));

        await fixture.Aggregator.FlushAsync(CancellationToken.None);

        var after = await global.GetAsync();
        Assert.Equal(3, after.AllTime.Runs.Values.Sum() - globalBefore);
        Assert.True(after.LastHour.Attempts[ErrorClass.Dns] >= 1);

        // A schedule books its own runs: nothing reaches a metrics grain under a schedule's key.
        var a = await fixture.Grains.GetGrain<IMetricsGrain>("agg-a").GetAsync();
        Assert.Equal(0, a.AllTime.Runs.Values.Sum());
    }

    [Fact]
    public async Task Add_FlushIntervalElapses_ReachesTheGlobalGrain()
    {
        var aggregator = fixture.SiloServices.GetRequiredService<IMetricsAggregator>();
        var grain = fixture.Grains.GetGrain<IMetricsGrain>(IMetricsGrain.GlobalKey);
        var before = (await grain.GetAsync()).AllTime.Runs[RunStatus.Succeeded];
        aggregator.Add(Succeeded("agg-loop", fixture.Time.GetUtcNow()));

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await grain.GetAsync();
        for (var i = 0; i < 100 && snapshot.AllTime.Runs[RunStatus.Succeeded] == before; i++)
        {
            await Task.Delay(50);
            snapshot = await grain.GetAsync();
        }

        Assert.True(snapshot.AllTime.Runs[RunStatus.Succeeded] > before);
    }
}
