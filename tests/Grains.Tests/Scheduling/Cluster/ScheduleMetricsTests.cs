using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Storage;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>A schedule books its own runs: no metrics grain per schedule, and the figures outlive the silo.</summary>
public sealed class ScheduleMetricsTests
{
    [Fact]
    public async Task FinishedRuns_AreInTheSchedulesMetrics_AtOnce_AndNotInAMetricsGrainOfItsOwn()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_m1", 10));

        await FireAndCompleteAsync(silo, time, 1, 200);
        await FireAndCompleteAsync(silo, time, 2, 404);

        var metrics = await silo.Grains.GetGrain<IScheduleGrain>(id).GetMetricsAsync();
        Assert.NotNull(metrics);
        Assert.Equal(1, metrics.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, metrics.AllTime.Runs[RunStatus.Failed]);
        Assert.Equal(2, metrics.AllTime.Attempts.Values.Sum());
        var legacy = await silo.Grains.GetGrain<IMetricsGrain>(id).GetAsync();
        Assert.Equal(0, legacy.AllTime.Runs.Values.Sum());
    }

    [Fact]
    public async Task FinishedRun_SavesTheMetricsInItsOwnTurn_WithoutWaitingForTheSaveTimer()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_m4", 10));
        var store = silo.Services.GetRequiredService<IMetricsStore>();

        // The clock stands still after the run finishes: no timer can have saved it.
        await FireAndCompleteAsync(silo, time, 1, 200);

        Assert.NotNull(await store.LoadAsync(id));
    }

    [Fact]
    public async Task Metrics_OutliveARestartOfTheSilo()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_m2", 10));
            await FireAndCompleteAsync(before, time, 1, 200);
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        var metrics = await after.Grains.GetGrain<IScheduleGrain>(id).GetMetricsAsync();

        Assert.NotNull(metrics);
        Assert.Equal(1, metrics.AllTime.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public async Task Metrics_StoredAsJsonByEarlierVersions_AreCountedOnAndStoredPacked()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_m5", 10));
            var earlier = new MetricsState();
            earlier.AllTime.AddRuns(RunStatus.Succeeded, 5);
            before.Services.GetRequiredService<IMetricsStore>().Save(id, JsonSerializer.Serialize(earlier, StorageJson.Options));
        }

        // A later activation (here: after a restart) reads what the store holds.
        await using var silo = await ScheduleTestSilo.StartAsync(directory, time);
        await FireAndCompleteAsync(silo, time, 1, 200);

        var metrics = await silo.Grains.GetGrain<IScheduleGrain>(id).GetMetricsAsync();
        Assert.NotNull(metrics);
        Assert.Equal(6, metrics.AllTime.Runs[RunStatus.Succeeded]);
        Assert.StartsWith("p1:", await silo.Services.GetRequiredService<IMetricsStore>().LoadAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewSchedule_StartsFromEmptyMetrics_WithoutReadingTheStore()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var id = "sch_" + Guid.NewGuid().ToString("N");
        var store = silo.Services.GetRequiredService<IMetricsStore>();

        // Figures under an id no schedule had (left by a crash, say): a new schedule does not take them over.
        var stray = new MetricsState();
        stray.AllTime.AddRuns(RunStatus.Succeeded, 5);
        store.Save(id, JsonSerializer.Serialize(stray, StorageJson.Options));
        await CreateAsync(silo.Grains, Interval("tgt_m6", 10), id);
        await FireAndCompleteAsync(silo, time, 1, 200);

        var metrics = await silo.Grains.GetGrain<IScheduleGrain>(id).GetMetricsAsync();
        Assert.NotNull(metrics);
        Assert.Equal(1, metrics.AllTime.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public async Task Delete_ForgetsTheMetrics_EvenUnderTheSameIdLater()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(directory, time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_m3", 10));
        await FireAndCompleteAsync(silo, time, 1, 200);
        var grain = silo.Grains.GetGrain<IScheduleGrain>(id);

        await grain.DeleteAsync();
        Assert.Null(await grain.GetMetricsAsync());
        await CreateAsync(silo.Grains, Interval("tgt_m3", 10), id);

        var metrics = await grain.GetMetricsAsync();
        Assert.NotNull(metrics);
        Assert.Equal(0, metrics.AllTime.Runs.Values.Sum());
    }

    private static async Task FireAndCompleteAsync(ScheduleTestSilo silo, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, int count, int status)
    {
        await AdvanceAsync(time, TimeSpan.FromSeconds(10));
        var request = (await WaitForDispatchesAsync(silo.Dispatcher, count))[count - 1];
        await CompleteAsync(silo.Grains, request, status, time.GetUtcNow());
    }
}
