using OrleansCron.Runs;
using OrleansCron.Schedules;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>Two activations racing, restarts with runs in flight, and misfires after downtime.</summary>
public sealed class ScheduleRecoveryTests
{
    [Fact]
    public async Task TwoActivations_RacingForTheSameSchedule_NeverClaimAnOccurrenceTwice()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        await using var a = await ScheduleTestSilo.StartAsync(directory, time);
        await using var b = await ScheduleTestSilo.StartAsync(directory, time);
        var id = await CreateAsync(a.Grains, Interval("tgt_race", 1, OverlapPolicy.Allow));
        await b.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();

        await AdvanceAsync(time, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        var runs = await WaitForRunsAsync(a.Grains, id, r => r.Length >= 10, "ten claimed runs");
        var sent = a.Dispatcher.Requests.Concat(b.Dispatcher.Requests).ToArray();

        // Both activations are live and aiming at the same instants; which one wins each claim is up to timing.
        Assert.NotNull((await b.Grains.GetGrain<IScheduleGrain>(id).GetAsync())?.NextFireAt);
        Assert.NotNull((await a.Grains.GetGrain<IScheduleGrain>(id).GetAsync())?.NextFireAt);
        Assert.Equal(sent.Length, sent.Select(r => r.Occurrence).Distinct().Count());
        Assert.Equal(sent.Length, sent.Select(r => r.ScheduledAt).Distinct().Count());
        Assert.Equal(runs.Length, runs.Select(r => r.ScheduledAt).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => Start.AddSeconds(i)), runs.Take(10).Select(r => r.ScheduledAt).Order());
    }

    [Fact]
    public async Task Restart_WithAttemptInFlight_RecordsInterruptedAndFiresAgainUnderTheSameRunId()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        DispatchRequestSnapshot first;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_cut", 600));
            await AdvanceAsync(time, TimeSpan.FromSeconds(600));
            var request = (await WaitForDispatchesAsync(before.Dispatcher, 1))[0];
            first = new(request.RunId, request.Occurrence, request.Attempt);
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        var again = (await WaitForDispatchesAsync(after.Dispatcher, 1))[0];
        await CompleteAsync(after.Grains, again, 200, time.GetUtcNow());
        var runs = await WaitForRunsAsync(after.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the re-fired run to succeed");

        Assert.Equal((first.RunId, first.Occurrence), (again.RunId, again.Occurrence));
        Assert.Equal(2, again.Attempt);
        Assert.Single(runs);
        Assert.Equal([ErrorClass.Interrupted, ErrorClass.None], runs[0].Attempts.Select(a => a.ErrorClass));
    }

    [Fact]
    public async Task Restart_BetweenAClaimAheadAndItsInstant_FiresItAgainNoEarlierThanTheInstant()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_ahead", 600));
            await AdvanceAsync(time, TimeSpan.FromSeconds(599.95), TimeSpan.FromSeconds(30));
            var claimed = (await WaitForDispatchesAsync(before.Dispatcher, 1))[0];
            Assert.Equal(Start.AddSeconds(600), claimed.NotBefore);
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        var again = (await WaitForDispatchesAsync(after.Dispatcher, 1))[0];

        Assert.True(time.GetUtcNow() < Start.AddSeconds(600), "the restart came before the instant");
        Assert.Equal((1L, 2), (again.Occurrence, again.Attempt));
        Assert.Equal(Start.AddSeconds(600), again.NotBefore);
    }

    [Fact]
    public async Task Restart_WithAttemptInFlightAndMisfireSkip_RecordsInterruptedWithoutSending()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_cut2", 600, misfire: MisfirePolicy.Skip));
            await AdvanceAsync(time, TimeSpan.FromSeconds(600));
            await WaitForDispatchesAsync(before.Dispatcher, 1);
        }

        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        var runs = await WaitForRunsAsync(after.Grains, id, r => r[0].Status == RunStatus.Interrupted, "the run to be interrupted");

        Assert.Empty(after.Dispatcher.Requests);
        Assert.Equal(ErrorClass.Interrupted, Assert.Single(runs[0].Attempts).ErrorClass);
    }

    [Theory]
    // policy        missed  catch-up fires
    [InlineData(MisfirePolicy.Skip, 10, 0)]
    [InlineData(MisfirePolicy.FireOnce, 9, 1)]
    [InlineData(MisfirePolicy.FireAll, 0, 10)]
    public async Task Restart_AfterDowntime_HandlesMissedOccurrencesByPolicy(MisfirePolicy policy, int missed, int catchUps)
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        string id;
        await using (var before = await ScheduleTestSilo.StartAsync(directory, time))
        {
            id = await CreateAsync(before.Grains, Interval("tgt_down", 1, misfire: policy, graceSeconds: 0));
            await AdvanceAsync(time, TimeSpan.FromSeconds(1));
            var first = (await WaitForDispatchesAsync(before.Dispatcher, 1))[0];
            await CompleteAsync(before.Grains, first, 200, time.GetUtcNow());
            await WaitForRunsAsync(before.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the first run");
        }

        // Back 0.2 s after instant 11: instant 12 is not yet within its claim lead (half the 1 s gap).
        time.Advance(TimeSpan.FromSeconds(10.2));
        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        var runs = await WaitForRunsAsync(after.Grains, id, r => r.Length == 11, "the downtime's occurrences on record");

        Assert.Equal(missed, runs.Count(r => r.Status == RunStatus.Missed));
        Assert.Equal(catchUps, runs.Count(r => r.Trigger == RunTrigger.CatchUp));
        Assert.Equal(catchUps == 0 ? 0 : 1, after.Dispatcher.Requests.Count);
        Assert.Equal(Enumerable.Range(2, 10).Select(i => Start.AddSeconds(i)), runs.Skip(1).Select(r => r.ScheduledAt));
    }

    [Fact]
    public async Task Restart_WithinGrace_LateFiresQueueInOrder_AndAnInstantDueBehindThemJoinsRatherThanSkips()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        var id = await StartAndStopAfterFirstRunAsync(directory, time, "tgt_backlog");

        // Down for 5.2 s, well within the 60 s grace: instants 2-6 are late, not misfires.
        time.Advance(TimeSpan.FromSeconds(5.2));
        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        await WaitForRunsAsync(after.Grains, id, r => r.Length == 6, "the late instants claimed");

        // Instant 7 comes due while the late ones still wait behind the first (the default overlap policy, skip).
        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        await WaitForRunsAsync(after.Grains, id, r => r.Length == 7, "the instant due behind the backlog");
        for (var sent = 1; sent <= 6; sent++)
        {
            var request = (await WaitForDispatchesAsync(after.Dispatcher, sent))[sent - 1];
            await CompleteAsync(after.Grains, request, 200, time.GetUtcNow());
        }

        var runs = await WaitForRunsAsync(after.Grains, id, r => r.All(x => x.Status == RunStatus.Succeeded), "every run to succeed");
        Assert.Equal(Enumerable.Range(1, 7).Select(i => Start.AddSeconds(i)), runs.Select(r => r.ScheduledAt));
        Assert.All(runs, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
        Assert.Equal(Enumerable.Range(2, 6).Select(i => (long)i), after.Dispatcher.Requests.Select(r => r.Occurrence));
    }

    [Fact]
    public async Task LateFireInFlight_TheNextInstantWaitsForIt_AndFiresWhenItEndsQuickly()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        var id = await StartAndStopAfterFirstRunAsync(directory, time, "tgt_late_inflight");

        // Down for 1.2 s: instant 2 fires late; instant 3 comes due while it is still out.
        time.Advance(TimeSpan.FromSeconds(1.2));
        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        var late = (await WaitForDispatchesAsync(after.Dispatcher, 1))[0];
        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        await WaitForRunsAsync(after.Grains, id, r => r.Length == 3, "the instant due behind the late fire");
        await CompleteAsync(after.Grains, late, 200, time.GetUtcNow().AddSeconds(-1));
        var next = (await WaitForDispatchesAsync(after.Dispatcher, 2))[1];
        await CompleteAsync(after.Grains, next, 200, time.GetUtcNow());

        var runs = await WaitForRunsAsync(after.Grains, id, r => r.All(x => x.Status == RunStatus.Succeeded), "every run to succeed");
        Assert.Equal([2L, 3L], after.Dispatcher.Requests.Select(r => r.Occurrence));
        Assert.Equal(3, runs.Length);
    }

    [Fact]
    public async Task LateFires_UnderSkip_AreSkippedOnlyWhereTheRunBeforeWouldHaveOverlappedOnTime()
    {
        var directory = NewDataDirectory();
        var time = NewClock();
        var id = await StartAndStopAfterFirstRunAsync(directory, time, "tgt_late_slow");

        time.Advance(TimeSpan.FromSeconds(5.2));
        await using var after = await ScheduleTestSilo.StartAsync(directory, time);
        await after.Grains.GetGrain<IScheduleGrain>(id).WakeAsync();
        await WaitForRunsAsync(after.Grains, id, r => r.Length == 6, "the late instants claimed");

        // Instant 2's run takes 1.5 s: sent on time, it would have overlapped instant 3, not instant 4. (Its report
        // comes back 3 s after the send: that is not the target's time, and does not count.)
        var slow = (await WaitForDispatchesAsync(after.Dispatcher, 1))[0];
        await CompleteAsync(after.Grains, slow, 200, time.GetUtcNow().AddSeconds(-3), durationMs: 1500);
        for (var sent = 2; sent <= 4; sent++)
        {
            var request = (await WaitForDispatchesAsync(after.Dispatcher, sent))[sent - 1];
            await CompleteAsync(after.Grains, request, 200, time.GetUtcNow());
        }

        var runs = await WaitForRunsAsync(after.Grains, id, r => r.All(x => x.Status is RunStatus.Succeeded or RunStatus.Skipped), "every run final");
        Assert.Equal([2L, 4L, 5L, 6L], after.Dispatcher.Requests.Select(r => r.Occurrence));
        Assert.Equal(RunStatus.Skipped, runs.Single(r => r.Occurrence == 3).Status);
        Assert.Single(runs, r => r.Status == RunStatus.Skipped);
    }

    private static async Task<string> StartAndStopAfterFirstRunAsync(string directory, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, string targetId)
    {
        await using var before = await ScheduleTestSilo.StartAsync(directory, time);
        var id = await CreateAsync(before.Grains, Interval(targetId, 1));
        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        var first = (await WaitForDispatchesAsync(before.Dispatcher, 1))[0];
        await CompleteAsync(before.Grains, first, 200, time.GetUtcNow());
        await WaitForRunsAsync(before.Grains, id, r => r[0].Status == RunStatus.Succeeded, "the first run");
        return id;
    }

    private sealed record DispatchRequestSnapshot(string RunId, long Occurrence, int Attempt);
}
