using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>
/// Which schedules stay in memory (<see cref="WakePlan"/>): one due within a reminder period (30 minutes by default)
/// stays awake, kept from idle collection; one due later sleeps, its reminder aimed at just before its next instant.
/// </summary>
public sealed class ScheduleSleepTests
{
    private static readonly TimeSpan Period = new OrleansCron.Scheduling.SchedulingOptions().ReminderPeriod;

    [Fact]
    public async Task Create_DueWithinAPeriod_RegistersAPeriodicReminder_FirstTickSpreadOverTheNextPeriod()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time);

        var id = await CreateAsync(silo.Grains, Interval("tgt_ten_minutes", 600));

        // The first tick one to two periods on, by the jitter (the test silo's is fixed at half).
        var row = await ReminderRowAsync(silo, id);
        Assert.Equal((Start + (1.5 * Period)).UtcDateTime, row.StartAt);
        Assert.Equal(Period, row.Period);
    }

    [Fact]
    public async Task Create_DueLaterThanAPeriod_AimsTheReminderAMinuteBeforeTheFirstInstant()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time);

        var id = await CreateAsync(silo.Grains, Interval("tgt_two_hours", 7200));

        var row = await ReminderRowAsync(silo, id);
        Assert.Equal(Start.AddMinutes(119).UtcDateTime, row.StartAt);
        Assert.Equal(Period, row.Period);
    }

    [Fact]
    public async Task Fire_OfASleepingSchedule_AimsTheReminderAtTheNextInstant()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_two_hours", 7200));

        await AdvanceAsync(time, TimeSpan.FromHours(2), TimeSpan.FromSeconds(10));
        var sent = Assert.Single(await WaitForDispatchesAsync(silo.Dispatcher, 1));

        // Aimed from the fire's evaluation, a claim lead (2 s) before the instant, at a minute before the next one.
        Assert.Equal(Start.AddHours(2), sent.ScheduledAt);
        var aimedAt = Start.AddHours(4).AddMinutes(-1).UtcDateTime;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await ReminderRowAsync(silo, id)).StartAt != aimedAt && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var row = await ReminderRowAsync(silo, id);
        Assert.Equal(aimedAt, row.StartAt);
        Assert.Equal(Period, row.Period);
    }

    [Fact]
    public async Task Tick_OfAReminderWithAnotherPeriod_RegistersItAgainWithTheCurrentOne()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_ten_minutes", 600));
        var grainId = silo.Grains.GetGrain<IScheduleGrain>(id).GetGrainId();
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var fiveMinutes = TimeSpan.FromMinutes(5);
        var old = new ReminderEntry { GrainId = grainId, ReminderName = "wake", StartAt = Start.AddMinutes(5).UtcDateTime, Period = fiveMinutes };
        var oldTag = await table.UpsertRow(old);

        // As an earlier version registered it: every 5 minutes.
        await silo.Grains.GetGrain<IRemindable>(grainId).ReceiveReminder("wake", new TickStatus(old.StartAt, fiveMinutes, old.StartAt));

        var row = await ReminderRowAsync(silo, id);
        Assert.NotEqual(oldTag, row.ETag);
        Assert.Equal(Period, row.Period);
    }

    [Fact]
    public async Task Tick_OfAPausedSchedulesLeftoverReminder_UnregistersIt()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time);
        var id = await CreateAsync(silo.Grains, Interval("tgt_paused_leftover", 600));
        var grain = silo.Grains.GetGrain<IScheduleGrain>(id);
        await grain.PauseAsync();
        var grainId = grain.GetGrainId();
        var table = silo.Services.GetRequiredService<IReminderTable>();

        // As a stop between the state write and the unregistration leaves it (a completion caught by a stop, too).
        var leftover = new ReminderEntry { GrainId = grainId, ReminderName = "wake", StartAt = Start.AddMinutes(5).UtcDateTime, Period = Period };
        await table.UpsertRow(leftover);
        await silo.Grains.GetGrain<IRemindable>(grainId).ReceiveReminder("wake", new TickStatus(leftover.StartAt, Period, leftover.StartAt));

        Assert.Null(await table.ReadRow(grainId, "wake"));
        Assert.Equal(ScheduleStatus.Paused, (await grain.GetAsync())?.Status);
        Assert.Empty(silo.Dispatcher.Requests);
    }

    [Fact]
    public async Task SleepingSchedule_OnceCollected_IsBroughtBackByItsReminderAndFiresOnTime()
    {
        var time = NewClock();
        await using var silo = await StartAsync(time, QuickIdleCollection);
        var id = await CreateAsync(silo.Grains, Interval("tgt_two_hours_five", 7500));
        await WaitUntilCollectedAsync(silo, id);

        // Its timer went with the activation: only its reminder (aimed at a minute before the instant) brings it back.
        await AdvanceAsync(time, TimeSpan.FromSeconds(7500), TimeSpan.FromSeconds(10));
        var sent = Assert.Single(await WaitForDispatchesAsync(silo.Dispatcher, 1));

        Assert.Equal((1L, Start.AddSeconds(7500)), (sent.Occurrence, sent.ScheduledAt));
        Assert.Equal(sent.ScheduledAt, sent.NotBefore);
    }

    [Fact]
    public async Task IdleCollection_TakesASleepingSchedule_ButKeepsOneDueWithinAPeriod()
    {
        // The awake schedule's timer waits 20 minutes of the fake clock, which never pass: only its keep-alive holds
        // it. The fake clock starts at the real time, so the keep-alive means the same on either clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), time, QuickIdleCollection);
        var awake = await CreateAsync(silo.Grains, Interval("tgt_twenty_minutes", 1200));
        var asleep = await CreateAsync(silo.Grains, Interval("tgt_two_hours", 7200));

        await WaitUntilCollectedAsync(silo, asleep);

        Assert.True(await IsActiveAsync(silo, awake), "the awake schedule was collected");
    }

    // The reminders on the fake clock too (by default a test silo keeps them on the real one), so that their ticks and
    // the loading of the far ones follow it; the range reads then cannot go by the database's clock.
    private static Task<ScheduleTestSilo> StartAsync(FakeTimeProvider time, Action<ISiloBuilder>? configure = null) =>
        ScheduleTestSilo.StartAsync(NewDataDirectory(), time, builder =>
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
            builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReminderRowsOnAnyClock>();
            configure?.Invoke(builder);
        });

    // Orleans collects an activation after 15 idle minutes; these silos after 2 seconds, on the real clock.
    private static void QuickIdleCollection(ISiloBuilder builder) =>
        builder.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
            o.CollectionAge = TimeSpan.FromSeconds(2);
        });

    private static async Task WaitUntilCollectedAsync(ScheduleTestSilo silo, string scheduleId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await IsActiveAsync(silo, scheduleId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.False(await IsActiveAsync(silo, scheduleId), "the sleeping schedule was never collected");
    }

    private static async Task<ReminderEntry> ReminderRowAsync(ScheduleTestSilo silo, string scheduleId)
    {
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var row = await table.ReadRow(silo.Grains.GetGrain<IScheduleGrain>(scheduleId).GetGrainId(), "wake");
        Assert.NotNull(row);
        return row;
    }

    private static async Task<bool> IsActiveAsync(ScheduleTestSilo silo, string scheduleId)
    {
        var grainId = silo.Grains.GetGrain<IScheduleGrain>(scheduleId).GetGrainId();
        var statistics = await silo.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Any(s => s.GrainId == grainId);
    }
}
