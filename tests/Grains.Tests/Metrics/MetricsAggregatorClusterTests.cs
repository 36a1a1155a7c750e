using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

[Collection(MetricsClusterCollection.Name)]
public class MetricsAggregatorClusterTests(MetricsClusterFixture fixture)
{
    [Fact]
    public async Task FlushAsync_InSilo_FeedsScheduleAndGlobalGrains()
    {
        var aggregator = fixture.SiloServices.GetRequiredService<IMetricsAggregator>();
        var global = fixture.Grains.GetGrain<IMetricsGrain>(IMetricsGrain.GlobalKey);
        var globalBefore = (await global.GetAsync()).AllTime.Runs.Values.Sum();
        var now = fixture.Time.GetUtcNow();
        aggregator.Add(Succeeded("agg-a", now));
        aggregator.Add(Run("agg-a", RunStatus.Failed, now, Attempt(ErrorClass.Dns, 3, now)));
        aggregator.Add(Succeeded("agg-b", now));

        await fixture.Aggregator.FlushAsync(CancellationToken.None);

        var a = await fixture.Grains.GetGrain<IMetricsGrain>("agg-a").GetAsync();
        var b = await fixture.Grains.GetGrain<IMetricsGrain>("agg-b").GetAsync();
        var globalAfter = (await global.GetAsync()).AllTime.Runs.Values.Sum();
        Assert.Equal(1, a.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, a.LastHour.Attempts[ErrorClass.Dns]);
        Assert.Equal(1, b.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(3, globalAfter - globalBefore);
    }

    [Fact]
    public async Task Add_FlushIntervalElapses_ReachesTheScheduleGrain()
    {
        var aggregator = fixture.SiloServices.GetRequiredService<IMetricsAggregator>();
        var grain = fixture.Grains.GetGrain<IMetricsGrain>("agg-loop");
        aggregator.Add(Succeeded("agg-loop", fixture.Time.GetUtcNow()));

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await grain.GetAsync();
        for (var i = 0; i < 100 && snapshot.AllTime.Runs[RunStatus.Succeeded] == 0; i++)
        {
            await Task.Delay(50);
            snapshot = await grain.GetAsync();
        }

        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
    }
}
