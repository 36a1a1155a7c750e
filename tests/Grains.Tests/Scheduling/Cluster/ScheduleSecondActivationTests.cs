using Microsoft.Extensions.DependencyInjection;
using OrleansCron.History;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Silo.Storage;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>
/// A run held by two activations at once (the directory can briefly allow two during a failure, and an activation
/// takes over what a silo it thinks gone left behind): each step that leads to a send is written only from the state
/// this activation saw, so when the other one moved the run on first, this one lets it go and sends nothing.
/// </summary>
public sealed class ScheduleSecondActivationTests
{
    // Another silo of the cluster, where the second activation runs.
    private const string OtherSilo = "S10.0.0.8:11111:1";

    // A silo of another cluster generation: unknown to the membership, so taken for dead.
    private const string GoneSilo = "S10.0.0.9:11111:1";

    [Fact]
    public async Task WaitingRun_StartedByAnotherActivationMeanwhile_IsNotSentHere()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var runs = silo.Services.GetRequiredService<IRunStore>();
        var id = await CreateAsync(silo.Grains, Interval("tgt_buffered", 10, OverlapPolicy.BufferOne));
        await AdvanceAsync(time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        var first = Assert.Single(await WaitForDispatchesAsync(silo.Dispatcher, 1));
        await AdvanceAsync(time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        var waiting = (await WaitForRunsAsync(silo.Grains, id, r => r.Length == 2, "the second run waiting behind the first"))[1];
        Assert.Equal(RunStatus.Pending, waiting.Status);
        var startedElsewhere = waiting with { Status = RunStatus.Running, StartedAt = time.GetUtcNow(), ClaimedBy = OtherSilo };
        Assert.True(Assert.Single(await runs.TryUpdateAsync([new(waiting, startedElsewhere)])));

        // The first run ends: here the waiting one would start now.
        await CompleteAsync(silo.Grains, first, 200, time.GetUtcNow());
        await AdvanceAsync(time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        var sent = await WaitForDispatchesAsync(silo.Dispatcher, 2);

        Assert.Equal([1L, 3L], sent.Select(r => r.Occurrence));
        AssertStored(startedElsewhere, await runs.GetAsync(id, 2));
    }

    [Fact]
    public async Task ArmedRetry_SentByAnotherActivationMeanwhile_IsNotSentHere()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var runs = silo.Services.GetRequiredService<IRunStore>();
        var id = await CreateAsync(silo.Grains, Interval("tgt_retried", 600, OverlapPolicy.Allow, retry: new RetryPolicy(3, 1, 2, 60, 0)));
        await AdvanceAsync(time, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(10));
        var first = Assert.Single(await WaitForDispatchesAsync(silo.Dispatcher, 1));
        await CompleteAsync(silo.Grains, first, 503, time.GetUtcNow());
        var waiting = (await WaitForRunsAsync(silo.Grains, id, r => r[0].NextAttemptAt is not null, "a retry armed"))[0];
        var sentElsewhere = waiting with { NextAttemptAt = null, ClaimedBy = OtherSilo };
        Assert.True(Assert.Single(await runs.TryUpdateAsync([new(waiting, sentElsewhere)])));

        // Past the retry's instant, and on to the next occurrence (which fires alongside: overlap allow).
        await AdvanceAsync(time, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(10));
        var sent = await WaitForDispatchesAsync(silo.Dispatcher, 2);

        Assert.Equal([(1L, 1), (2L, 1)], sent.Select(r => (r.Occurrence, r.Attempt)));
        AssertStored(sentElsewhere, await runs.GetAsync(id, 1));
    }

    [Fact]
    public async Task CutOffAttempt_FiredAgainByAnotherActivationMeanwhile_IsNotFiredAgainHere()
    {
        var time = NewClock();
        RunStoreWithLoadHook? hooked = null;
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time, s => s.Services.AddSingleton<IRunStore>(
            sp => hooked = new RunStoreWithLoadHook(sp.GetRequiredService<SqliteRunStore>())));
        var runs = silo.Services.GetRequiredService<IRunStore>();
        var id = await CreateAsync(silo.Grains, Interval("tgt_cut_twice", 600, OverlapPolicy.Allow));
        var spec = (await silo.Grains.GetGrain<IScheduleGrain>(id).GetAsync())!.Spec;
        var cutOff = new RunRecord(
            RunRecord.MakeId(id, 1), id, 1, Start.AddSeconds(600), Start.AddSeconds(600), null, RunStatus.Running, RunTrigger.Schedule,
            [], null, GoneSilo, spec.Owner, spec.TargetId);
        Assert.True(Assert.Single(await runs.TryClaimAsync([cutOff])));

        // Between this activation's read and its write, another one fires the cut-off attempt again.
        var interrupted = new AttemptRecord(1, Start.AddSeconds(600), 0, null, null, ErrorClass.Interrupted, "cut off", null);
        var firedElsewhere = cutOff with { Attempts = [interrupted], ClaimedBy = OtherSilo };
        hooked!.AfterNextLoad = async _ => Assert.True(Assert.Single(await runs.TryUpdateAsync([new(cutOff, firedElsewhere)])));
        await silo.Grains.GetGrain<IScheduleGrain>(id).TakeOverAsync();
        await AdvanceAsync(time, TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(10));
        var sent = await WaitForDispatchesAsync(silo.Dispatcher, 1);

        Assert.Equal([(2L, 1)], sent.Select(r => (r.Occurrence, r.Attempt)));
        Assert.Null(hooked.AfterNextLoad);
        AssertStored(firedElsewhere, await runs.GetAsync(id, 1));
    }

    // As the other activation left it: nothing of this one's written over it.
    private static void AssertStored(RunRecord expected, RunRecord? stored)
    {
        Assert.NotNull(stored);
        Assert.Equal(expected.Attempts.AsEnumerable(), stored.Attempts.AsEnumerable());
        Assert.Equal(expected with { Attempts = stored.Attempts }, stored);
    }
}
