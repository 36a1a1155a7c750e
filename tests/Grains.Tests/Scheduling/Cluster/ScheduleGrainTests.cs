using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>The firing engine in one silo, with real SQLite storage, a fake clock and a fake dispatcher.</summary>
public sealed class ScheduleGrainTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = NewClock();
    private ScheduleTestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ScheduleTestSilo.StartAsync(NewDataDirectory(), _time);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Interval_WhenTimeMoves_DispatchesEachOccurrenceOnceAtItsInstant()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_a", 10));

        await AdvanceAsync(_time, TimeSpan.FromSeconds(10));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await CompleteAsync(_silo.Grains, first, 200, _time.GetUtcNow());
        await AdvanceAsync(_time, TimeSpan.FromSeconds(10));
        var requests = await WaitForDispatchesAsync(_silo.Dispatcher, 2);

        Assert.Equal(1, first.Occurrence);
        Assert.Equal(Start.AddSeconds(10), first.ScheduledAt);
        Assert.Equal(first.ScheduledAt, first.NotBefore);
        Assert.Equal(1, first.Attempt);
        Assert.Equal(RunRecord.MakeId(id, 1), first.RunId);
        Assert.Equal(2, requests[1].Occurrence);
        Assert.Equal(Start.AddSeconds(20), requests[1].ScheduledAt);
        Assert.Equal(2, _silo.Dispatcher.Requests.Count);
        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r.Length == 2, "two runs");
        Assert.Equal(RunStatus.Succeeded, runs[0].Status);
        Assert.Single(runs[0].Attempts);
        Assert.Equal(RunStatus.Running, runs[1].Status);
    }

    [Fact]
    public async Task Interval_OffTheWakeGrid_IsClaimedAtTheGridPointBeforeItsLead()
    {
        // Created 7 ms past a whole second: the first instant is 10.007 s on, claimed 2 s ahead, so the fire timer
        // would wake at 8.007 s; on the 20 ms grid it wakes at 8.000 s, and the clock stops there.
        _time.Advance(TimeSpan.FromMilliseconds(7));
        await CreateAsync(_silo.Grains, Interval("tgt_grid", 10));

        await AdvanceAsync(_time, TimeSpan.FromMilliseconds(7993));
        var claimed = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        Assert.Equal(Start.AddSeconds(8), _time.GetUtcNow());
        Assert.Equal(Start.AddMilliseconds(10_007), claimed.ScheduledAt);
        Assert.Equal(claimed.ScheduledAt, claimed.NotBefore);
    }

    [Fact]
    public async Task OverlapSkip_InstantsDueWhileARunIsOut_AreSkippedWhenItWouldHaveOverlappedThemOnTime()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_b", 1, OverlapPolicy.Skip));

        await AdvanceAsync(_time, TimeSpan.FromSeconds(1));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await AdvanceAsync(_time, TimeSpan.FromSeconds(2));
        var waiting = await WaitForRunsAsync(_silo.Grains, id, r => r.Length == 3, "three runs");
        await CompleteAsync(_silo.Grains, first, 200, Start.AddSeconds(1), durationMs: 2500);
        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r.All(x => x.FinishedAt is not null), "every run final");

        Assert.Equal([RunStatus.Running, RunStatus.Pending, RunStatus.Pending], waiting.Select(r => r.Status));
        Assert.Single(_silo.Dispatcher.Requests);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Skipped, RunStatus.Skipped], runs.Select(r => r.Status));
        Assert.All(runs.Skip(1), r => Assert.Empty(r.Attempts));
    }

    [Fact]
    public async Task OverlapSkip_ARunThatEndedAtOnceButReportedLate_SkipsNothingBehindIt()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_b2", 1, OverlapPolicy.Skip));

        await AdvanceAsync(_time, TimeSpan.FromSeconds(1));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await AdvanceAsync(_time, TimeSpan.FromSeconds(2));
        await WaitForRunsAsync(_silo.Grains, id, r => r.Length == 3, "three runs");
        await CompleteAsync(_silo.Grains, first, 200, Start.AddSeconds(1));
        for (var sent = 2; sent <= 3; sent++)
        {
            var request = (await WaitForDispatchesAsync(_silo.Dispatcher, sent))[sent - 1];
            await CompleteAsync(_silo.Grains, request, 200, _time.GetUtcNow());
        }

        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r.Take(3).All(x => x.Status == RunStatus.Succeeded), "the three runs to succeed");
        Assert.Equal([1L, 2L, 3L], _silo.Dispatcher.Requests.Select(r => r.Occurrence));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => Start.AddSeconds(i)), runs.Take(3).Select(r => r.ScheduledAt));
    }

    [Fact]
    public async Task OnceSchedule_AfterItsRun_RecordsItselfCompletedAfterTheCompletionDelay()
    {
        var spec = Interval("tgt_once", 1) with { Kind = ScheduleKind.Once, IntervalSeconds = null, RunAt = Start.AddSeconds(10) };
        var id = await CreateAsync(_silo.Grains, spec);
        await AdvanceAsync(_time, TimeSpan.FromSeconds(10));
        var request = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await CompleteAsync(_silo.Grains, request, 200, _time.GetUtcNow());
        await WaitForRunsAsync(_silo.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the run to succeed");

        var right = await _silo.Grains.GetGrain<IScheduleGrain>(id).GetAsync();
        await AdvanceAsync(_time, TimeSpan.FromSeconds(11));
        var later = await WaitForScheduleAsync(id, s => s.Status == ScheduleStatus.Completed);

        Assert.Equal((ScheduleStatus.Active, (DateTimeOffset?)null), (right?.Status, right?.NextFireAt));
        Assert.Null(later.NextFireAt);
    }

    [Fact]
    public async Task OnceSchedule_CompletionDueWhileTheSiloStops_IsLeftForTheRestart_WhichCompletesIt()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        var spec = Interval("tgt_once_stop", 1) with { Kind = ScheduleKind.Once, IntervalSeconds = null, RunAt = Start.AddSeconds(10) };
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, spec);
            await AdvanceAsync(time, TimeSpan.FromSeconds(10));
            var request = (await WaitForDispatchesAsync(before.Dispatcher, 1))[0];
            await CompleteAsync(before.Grains, request, 200, time.GetUtcNow());
            await WaitForRunsAsync(before.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the run to succeed");

            // What a graceful stop does first; then the completion comes due.
            before.Services.GetRequiredService<FiringGate>().Close();
            await AdvanceAsync(time, TimeSpan.FromSeconds(11));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
            while (DateTime.UtcNow < deadline)
            {
                var view = await before.Grains.GetGrain<IScheduleGrain>(id).GetAsync();
                Assert.Equal(ScheduleStatus.Active, view?.Status);
                await Task.Delay(50);
            }
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        var woken = await after.Grains.GetGrain<IScheduleGrain>(id).GetAsync();
        Assert.Equal(ScheduleStatus.Active, woken?.Status);
        await AdvanceAsync(time, TimeSpan.FromSeconds(11));
        var completed = await WaitForScheduleAsync(after.Grains, id, s => s.Status == ScheduleStatus.Completed);
        Assert.Null(completed.NextFireAt);
    }

    [Fact]
    public async Task OnceSchedules_SpentTogether_CompleteAtTheSilosCompletionRate()
    {
        var time = NewClock();
        await using var silo = await ScheduleTestSilo.StartAsync(
            NewDataDirectory(), time, s => s.Services.Configure<SchedulingOptions>(o => o.CompletionRate = 1));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var spec = Interval($"tgt_paced_{i}", 1) with { Kind = ScheduleKind.Once, IntervalSeconds = null, RunAt = Start.AddSeconds(10) };
            ids.Add(await CreateAsync(silo.Grains, spec));
        }

        await AdvanceAsync(time, TimeSpan.FromSeconds(10));
        foreach (var request in await WaitForDispatchesAsync(silo.Dispatcher, 3))
        {
            await CompleteAsync(silo.Grains, request, 200, time.GetUtcNow());
        }

        foreach (var id in ids)
        {
            await WaitForRunsAsync(silo.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the run to succeed");
        }

        // Each wants 7.5 s (the fixed jitter: 5 s and half again); at one a second they complete 7.5, 8.5 and 9.5 s
        // after their runs.
        for (var expected = 1; expected <= 3; expected++)
        {
            await AdvanceAsync(time, TimeSpan.FromSeconds(expected == 1 ? 8 : 1));
            await WaitForCompletedAsync(silo.Grains, ids, expected);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            while (DateTime.UtcNow < deadline)
            {
                Assert.Equal(expected, await CountCompletedAsync(silo.Grains, ids));
                await Task.Delay(50);
            }
        }
    }

    private static async Task<int> CountCompletedAsync(IGrainFactory grains, IEnumerable<string> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IScheduleGrain>(id).GetAsync()));
        return views.Count(v => v?.Status == ScheduleStatus.Completed);
    }

    private static async Task WaitForCompletedAsync(IGrainFactory grains, IReadOnlyCollection<string> ids, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await CountCompletedAsync(grains, ids) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {count} of the schedules to complete");
            await Task.Delay(20);
        }
    }

    private Task<ScheduleView> WaitForScheduleAsync(string id, Func<ScheduleView, bool> condition) =>
        WaitForScheduleAsync(_silo.Grains, id, condition);

    private static async Task<ScheduleView> WaitForScheduleAsync(IGrainFactory grains, string id, Func<ScheduleView, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var view = await grains.GetGrain<IScheduleGrain>(id).GetAsync();
            if (view is not null && condition(view))
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for the schedule; last: {view?.Status}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task OverlapBufferOne_WhenRunEnds_FiresTheBufferedOneAndSkipsTheRest()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_c", 1, OverlapPolicy.BufferOne));

        await AdvanceAsync(_time, TimeSpan.FromSeconds(1));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await AdvanceAsync(_time, TimeSpan.FromSeconds(2));
        await WaitForRunsAsync(_silo.Grains, id, r => r.Length == 3, "three runs");
        await CompleteAsync(_silo.Grains, first, 200, _time.GetUtcNow());
        var requests = await WaitForDispatchesAsync(_silo.Dispatcher, 2);
        var runs = await RunsAsync(_silo.Grains, id);

        Assert.Equal(2, requests[1].Occurrence);
        Assert.Equal(Start.AddSeconds(2), requests[1].ScheduledAt);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Running, RunStatus.Skipped], runs.Select(r => r.Status));
    }

    [Fact]
    public async Task Retry_WhenAttemptsFailWith503_BacksOffExponentiallyThenFails()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_d", 600, retry: new RetryPolicy(3, 1, 2, 60, 0.2)));
        await AdvanceAsync(_time, TimeSpan.FromSeconds(600));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        await CompleteAsync(_silo.Grains, first, 503, _time.GetUtcNow());
        var afterFirst = await WaitForRunsAsync(_silo.Grains, id, r => r[0].NextAttemptAt is not null, "a retry to be scheduled");
        await AdvanceAsync(_time, TimeSpan.FromMilliseconds(900));
        var beforeDue = _silo.Dispatcher.Requests.Count;
        await AdvanceAsync(_time, TimeSpan.FromMilliseconds(200));
        var second = (await WaitForDispatchesAsync(_silo.Dispatcher, 2))[1];
        await CompleteAsync(_silo.Grains, second, 503, _time.GetUtcNow());
        var afterSecond = await WaitForRunsAsync(_silo.Grains, id, r => r[0].Attempts.Length == 2 && r[0].NextAttemptAt is not null, "a second retry");
        await AdvanceAsync(_time, TimeSpan.FromSeconds(2.1));
        var third = (await WaitForDispatchesAsync(_silo.Dispatcher, 3))[2];
        await CompleteAsync(_silo.Grains, third, 503, _time.GetUtcNow());
        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r[0].Status == RunStatus.Failed, "the run to fail");

        Assert.Equal(afterFirst[0].Attempts[0].StartedAt + TimeSpan.FromSeconds(1), afterFirst[0].NextAttemptAt);
        Assert.Equal(1, beforeDue);
        Assert.Equal((2, first.RunId, first.Occurrence), (second.Attempt, second.RunId, second.Occurrence));
        Assert.Equal(afterSecond[0].Attempts[1].StartedAt + TimeSpan.FromSeconds(2), afterSecond[0].NextAttemptAt);
        Assert.Equal(3, third.Attempt);
        Assert.Equal(3, runs[0].Attempts.Length);
        Assert.All(runs[0].Attempts, a => Assert.Equal(ErrorClass.Http5xx, a.ErrorClass));
        Assert.Null(runs[0].NextAttemptAt);
    }

    [Fact]
    public async Task Retry_When404_FailsAtOnceWithoutRetrying()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_e", 600));
        await AdvanceAsync(_time, TimeSpan.FromSeconds(600));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        await CompleteAsync(_silo.Grains, first, 404, _time.GetUtcNow());
        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r[0].Status == RunStatus.Failed, "the run to fail");
        await AdvanceAsync(_time, TimeSpan.FromSeconds(30));

        Assert.Single(runs[0].Attempts);
        Assert.Equal(ErrorClass.Http4xx, runs[0].Attempts[0].ErrorClass);
        Assert.Single(_silo.Dispatcher.Requests);
    }

    [Fact]
    public async Task Retry_WhenRetryAfterGiven_WaitsThatLong()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_f", 600));
        await AdvanceAsync(_time, TimeSpan.FromSeconds(600));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        await CompleteAsync(_silo.Grains, first, 429, _time.GetUtcNow(), retryAfter: TimeSpan.FromSeconds(7));
        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r[0].NextAttemptAt is not null, "a retry to be scheduled");

        Assert.Equal(runs[0].Attempts[0].StartedAt + TimeSpan.FromSeconds(7), runs[0].NextAttemptAt);
    }

    [Fact]
    public async Task Pause_StopsFiresAtOnce_AndResumeContinuesWithoutCatchUp()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_g", 1));
        await AdvanceAsync(_time, TimeSpan.FromSeconds(1));
        var first = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];
        await CompleteAsync(_silo.Grains, first, 200, _time.GetUtcNow());
        await WaitForRunsAsync(_silo.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the first run");

        var paused = await _silo.Grains.GetGrain<IScheduleGrain>(id).PauseAsync();
        await AdvanceAsync(_time, TimeSpan.FromSeconds(10));
        var whilePaused = await RunsAsync(_silo.Grains, id);
        var resumedAt = _time.GetUtcNow();
        var resumed = await _silo.Grains.GetGrain<IScheduleGrain>(id).ResumeAsync();
        await AdvanceAsync(_time, TimeSpan.FromSeconds(1));
        var second = (await WaitForDispatchesAsync(_silo.Dispatcher, 2))[1];

        Assert.Equal(ScheduleStatus.Paused, paused.Schedule!.Status);
        Assert.Null(paused.Schedule.NextFireAt);
        Assert.Single(whilePaused);
        Assert.Equal(ScheduleStatus.Active, resumed.Schedule!.Status);
        Assert.True(second.ScheduledAt > resumedAt, "no catch-up of instants passed while paused");
        Assert.Equal(2, second.Occurrence);
        Assert.Equal(2, (await RunsAsync(_silo.Grains, id)).Length);
    }

    [Fact]
    public async Task Trigger_WhenRunGoingAndPolicySkip_IsRefused()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_h", 600));
        var grain = _silo.Grains.GetGrain<IScheduleGrain>(id);

        var manual = await grain.TriggerAsync();
        var refused = await grain.TriggerAsync();
        var request = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        Assert.Equal(ScheduleOutcome.Ok, manual.Outcome);
        Assert.Equal(ScheduleOutcome.Conflict, refused.Outcome);
        Assert.Equal(manual.RunId, request.RunId);
        var runs = await RunsAsync(_silo.Grains, id);
        Assert.Equal(RunTrigger.Manual, Assert.Single(runs).Trigger);
    }
}
