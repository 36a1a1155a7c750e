using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Dispatch;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>Arrange-and-observe helpers shared by the schedule grain tests.</summary>
internal static class ScheduleScenario
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider NewClock() => new(Start);

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "oc-grain-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static TargetSpec Target(string url = "http://127.0.0.1:9/hook") => new(
        "hook", url, "POST", ImmutableDictionary<string, string>.Empty, null, 30, [], [], TargetSpec.DefaultOwner);

    public static ScheduleSpec Interval(
        string targetId,
        long seconds,
        OverlapPolicy overlap = OverlapPolicy.Skip,
        MisfirePolicy misfire = MisfirePolicy.FireOnce,
        int graceSeconds = 60,
        RetryPolicy? retry = null) => new(
        targetId, ScheduleKind.Interval, seconds, null, "UTC", null, null, null, null, null,
        overlap, misfire, graceSeconds, retry ?? RetryPolicy.Default, [], null, TargetSpec.DefaultOwner);

    public static async Task<string> CreateAsync(IGrainFactory grains, ScheduleSpec spec, string? scheduleId = null)
    {
        var id = scheduleId ?? "sch_" + Guid.NewGuid().ToString("N");
        var targetId = spec.TargetId;
        var target = await grains.GetGrain<ITargetGrain>(targetId).GetAsync();
        if (target is null)
        {
            await grains.GetGrain<ITargetGrain>(targetId).CreateAsync(Target(), null);
        }

        var result = await grains.GetGrain<IScheduleGrain>(id).CreateAsync(spec, null);
        Assert.Equal(ScheduleOutcome.Created, result.Outcome);
        return id;
    }

    /// <summary>Waits (real time, bounded) until the dispatcher holds at least <paramref name="count"/> requests.</summary>
    public static async Task<IReadOnlyList<DispatchRequest>> WaitForDispatchesAsync(FakeDispatcher dispatcher, int count, string? scheduleId = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var requests = dispatcher.Requests.Where(r => scheduleId is null || r.ScheduleId == scheduleId).ToArray();
            if (requests.Length >= count)
            {
                return requests;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} dispatch(es), saw {requests.Length}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (real time, bounded) until the runs of a schedule satisfy <paramref name="condition"/>.</summary>
    public static async Task<ImmutableArray<RunRecord>> WaitForRunsAsync(IGrainFactory grains, string scheduleId, Func<ImmutableArray<RunRecord>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var runs = await RunsAsync(grains, scheduleId);
            if (condition(runs))
            {
                return runs;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; runs: {string.Join(", ", runs.Select(r => $"{r.Occurrence}:{r.Status}"))}");
            await Task.Delay(20);
        }
    }

    /// <summary>The schedule's runs, oldest occurrence first.</summary>
    public static async Task<ImmutableArray<RunRecord>> RunsAsync(IGrainFactory grains, string scheduleId)
    {
        var page = await grains.GetGrain<IRunQueryGrain>(0).ListAsync(new RunQuery(scheduleId, null, null, null, null, 500));
        return [.. page.Items.OrderBy(r => r.Occurrence)];
    }

    /// <summary>Reports an attempt's outcome to the schedule grain, as the dispatcher would.</summary>
    public static Task CompleteAsync(IGrainFactory grains, DispatchRequest request, int statusCode, DateTimeOffset at, TimeSpan? retryAfter = null, double durationMs = 12.5)
    {
        var errorClass = statusCode switch
        {
            >= 200 and < 300 => ErrorClass.None,
            >= 500 => ErrorClass.Http5xx,
            >= 400 => ErrorClass.Http4xx,
            _ => ErrorClass.Unknown,
        };
        var attempt = new AttemptRecord(request.Attempt, at, durationMs, statusCode, 2, errorClass, errorClass == ErrorClass.None ? null : $"HTTP {statusCode}", "ok");
        var retryable = errorClass == ErrorClass.Http5xx || statusCode is 429 or 408;
        return grains.GetGrain<IScheduleGrain>(request.ScheduleId)
            .CompleteAttemptAsync(new AttemptOutcome(request.Occurrence, request.DispatchId, attempt, retryable, retryAfter));
    }

    /// <summary>Moves the fake clock forward in small steps, so each grain timer due on the way fires in order.</summary>
    public static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by, TimeSpan? step = null)
    {
        var stepSize = step ?? TimeSpan.FromMilliseconds(250);
        var end = time.GetUtcNow() + by;
        while (time.GetUtcNow() < end)
        {
            var next = end - time.GetUtcNow();
            time.Advance(next < stepSize ? next : stepSize);
            await Task.Delay(5);
        }
    }
}
