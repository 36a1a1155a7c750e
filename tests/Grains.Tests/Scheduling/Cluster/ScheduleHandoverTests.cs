using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Catalog;
using OrleansCron.History;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>What a stopping silo leaves behind, and how the next activation finds it.</summary>
public sealed class ScheduleHandoverTests
{
    // A silo of another cluster generation: unknown to the membership, so neither alive nor firing.
    private const string GoneSilo = "S10.0.0.9:11111:1";

    [Fact]
    public async Task ActivatedWhileTheSiloStops_ClaimsNothing_ButKeepsTheNextFireOnRecordForTheSweeps()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_stopping", 600));
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        after.Services.GetRequiredService<FiringGate>().Close();
        var view = await after.Grains.GetGrain<IScheduleGrain>(id).GetAsync();
        await AdvanceAsync(time, TimeSpan.FromSeconds(601), TimeSpan.FromSeconds(30));

        Assert.Equal(Start.AddSeconds(600), view?.NextFireAt);
        Assert.Contains(id, await after.Services.GetRequiredService<ICatalogStore>().DueBeforeAsync(Start.AddDays(1)));
        Assert.Empty(await RunsAsync(after.Grains, id));
        Assert.Empty(after.Dispatcher.Requests);
    }

    [Fact]
    public async Task Sweep_TakesOverARunLeftWaitingByAGoneSilo_EvenWhenTheScheduleIsActiveHere()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(directory, time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_orphan", 600));
        var schedule = await silo.Grains.GetGrain<IScheduleGrain>(id).GetAsync();
        var runs = silo.Services.GetRequiredService<IRunStore>();
        var waiting = new RunRecord(
            RunRecord.MakeId(id, 1), id, 1, Start.AddSeconds(600), null, null, RunStatus.Pending, RunTrigger.Schedule,
            [], null, GoneSilo, schedule!.Spec.Owner, schedule.Spec.TargetId);
        Assert.True(Assert.Single(await runs.TryClaimAsync([waiting])));

        await silo.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        Assert.Empty(silo.Dispatcher.Requests);
        var woken = await Sweep(silo).SweepAsync("test", CancellationToken.None);

        var sent = Assert.Single(await WaitForDispatchesAsync(silo.Dispatcher, 1));
        Assert.Equal(1, woken);
        Assert.Equal((1L, Start.AddSeconds(600)), (sent.Occurrence, sent.ScheduledAt));
        var stored = await runs.GetAsync(id, 1);
        Assert.Equal(RunStatus.Running, stored?.Status);
        Assert.NotEqual(GoneSilo, stored?.ClaimedBy);
    }

    [Fact]
    public async Task Sweep_WakesWhatIsDueWithinAReminderPeriodAndAMargin_AndLeavesLaterOnesToTheirReminders()
    {
        // Defaults: a 2-minute setting, 30-minute reminders. A schedule due in 31 minutes might see its first reminder
        // tick after a restart only once its instant has passed, so the sweep reaches 32 minutes ahead.
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time);
        var soon = await CreateAsync(silo.Grains, Interval("tgt_31_minutes", 1860));
        var later = await CreateAsync(silo.Grains, Interval("tgt_40_minutes", 2400));
        var catalog = silo.Services.GetRequiredService<ICatalogStore>();
        for (var i = 0; i < 200 && (await catalog.DueBeforeAsync(Start.AddDays(1))).Length < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, (await catalog.DueBeforeAsync(Start.AddDays(1))).Length);

        var woken = await Sweep(silo).SweepAsync("test", CancellationToken.None);

        Assert.Equal(1, woken);
        Assert.Contains(soon, await catalog.DueBeforeAsync(Start.AddMinutes(32)));
        Assert.DoesNotContain(later, await catalog.DueBeforeAsync(Start.AddMinutes(32)));
    }

    private static WakeSweep Sweep(ScheduleTestSilo silo) =>
        silo.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<WakeSweep>().Single();
}
