using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Storage;
using OrleansCron.Targets;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>The schedules of a target live in the catalog store's links, not in the target's state.</summary>
public sealed class TargetLinkTests
{
    [Fact]
    public async Task SchedulesSharingATarget_AreLinkedOneRowEach_AndTheTargetStateStaysSmall()
    {
        var directory = NewDataDirectory();
        await using var silo = await ScheduleTestSilo.StartAsync(directory, NewClock());
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(silo.Grains, Interval("tgt_shared", 600)));
        }

        await silo.Grains.GetGrain<IScheduleGrain>(ids[0]).DeleteAsync();

        var links = await silo.Services.GetRequiredService<ICatalogStore>().LinkedSchedulesAsync("tgt_shared");
        Assert.Equal(ids.Skip(1).Order(StringComparer.Ordinal), links);
        Assert.Equal(4, (await silo.Grains.GetGrain<ITargetGrain>("tgt_shared").GetAsync())?.ScheduleCount);
        Assert.Empty((await ReadStateAsync(silo, "tgt_shared")).State!.ScheduleIds);
        var refused = await silo.Grains.GetGrain<ITargetGrain>("tgt_shared").DeleteAsync(cascade: false);
        Assert.Equal(TargetOutcome.Conflict, refused.Outcome);
    }

    [Fact]
    public async Task StateFromBeforeTheLinks_MovesItsSchedulesThereOnActivation()
    {
        var directory = NewDataDirectory();
        await using var silo = await ScheduleTestSilo.StartAsync(directory, NewClock());
        var legacy = new GrainState<TargetState>(new TargetState
        {
            Spec = Target(),
            CreatedAt = Start,
            UpdatedAt = Start,
            ScheduleIds = ["sch_b", "sch_a"],
        });
        await Storage(silo).WriteStateAsync(StorageNames.TargetState, TargetGrainId("tgt_legacy"), legacy);

        var view = await silo.Grains.GetGrain<ITargetGrain>("tgt_legacy").GetAsync();
        var deleted = await silo.Grains.GetGrain<ITargetGrain>("tgt_legacy").DeleteAsync(cascade: false);

        Assert.Equal(2, view?.ScheduleCount);
        Assert.Equal(["sch_a", "sch_b"], (await silo.Services.GetRequiredService<ICatalogStore>().LinkedSchedulesAsync("tgt_legacy")).ToArray());
        Assert.Empty((await ReadStateAsync(silo, "tgt_legacy")).State!.ScheduleIds);
        Assert.Equal(TargetOutcome.Conflict, deleted.Outcome);
    }

    private static IGrainStorage Storage(ScheduleTestSilo silo) =>
        silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainStorage);

    private static GrainId TargetGrainId(string id) => GrainId.Create("target", id);

    private static async Task<GrainState<TargetState>> ReadStateAsync(ScheduleTestSilo silo, string id)
    {
        var state = new GrainState<TargetState>(new TargetState());
        await Storage(silo).ReadStateAsync(StorageNames.TargetState, TargetGrainId(id), state);
        return state;
    }
}
