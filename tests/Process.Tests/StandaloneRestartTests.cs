using System.Text.Json.Nodes;
using OrleansCron.Tests.Infrastructure;

namespace OrleansCron.Tests;

/// <summary>
/// The real standalone service, stopped gracefully and killed, restarted on the same data directory, firing at
/// a real HTTP server on loopback. What must hold: schedules, runs and metrics survive; firing resumes within
/// seconds; no occurrence is sent twice unless a kill cut it off mid-flight; misses follow the misfire policy.
/// </summary>
public sealed class StandaloneRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "oc-process-tests", Guid.NewGuid().ToString("N"));
    private RecordingServer _recorder = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _recorder = await RecordingServer.StartAsync();
    }

    public async Task DisposeAsync() => await _recorder.DisposeAsync();

    [Fact]
    public async Task Restart_GracefulThenKilled_KeepsEverythingAndNeverSendsTwice()
    {
        string steady, skipping, slow;
        int runsBefore;
        long metricRunsBefore;
        await using (var service = new ServiceProcess(_dataDirectory))
        {
            await service.StartAsync();
            var target = await service.Client.PostAsync("/api/v1/targets", new { name = "recorder", url = _recorder.Url("/ok"), method = "POST" });
            steady = (await service.Client.PostAsync("/api/v1/schedules", new
            {
                target_id = target.Str("id"),
                schedule_type = "interval",
                interval_seconds = 1,
            })).Str("id");
            skipping = (await service.Client.PostAsync("/api/v1/schedules", new
            {
                target_id = target.Str("id"),
                schedule_type = "interval",
                interval_seconds = 1,
                misfire_policy = "skip",
                misfire_grace_seconds = 1,
            })).Str("id");
            // Its attempts take 1.5 s, so one is always in flight when the service is asked to stop.
            var slowTarget = await service.Client.PostAsync("/api/v1/targets", new { name = "slow", url = _recorder.Url("/slow/1500"), method = "POST" });
            slow = (await service.Client.PostAsync("/api/v1/schedules", new
            {
                target_id = slowTarget.Str("id"),
                schedule_type = "interval",
                interval_seconds = 1,
            })).Str("id");
            await _recorder.WaitForAsync(r => r.Count(x => x.ScheduleId == steady) >= 3, Patience, "three fires before the stop");
            await _recorder.WaitForAsync(r => r.Count(x => x.ScheduleId == slow) >= 2, Patience, "slow fires before the stop");
            await WaitForFinishedRunsAsync(service.Client, steady, 3);

            runsBefore = (await service.Client.GetAllAsync($"/api/v1/runs?schedule_id={steady}")).Count;
            await WaitForMetricsAsync(service.Client, steady, 3);
            metricRunsBefore = RunTotal(await service.Client.GetObjectAsync($"/api/v1/schedules/{steady}/metrics"));
            await service.StopAsync();
        }

        // Down for a few seconds: the skipping schedule's occurrences in this gap are misfires (grace 1 s).
        await Task.Delay(TimeSpan.FromSeconds(4));
        await using (var service = new ServiceProcess(_dataDirectory))
        {
            var restartedAt = DateTimeOffset.UtcNow;
            await service.StartAsync();
            var schedule = await service.Client.GetObjectAsync($"/api/v1/schedules/{steady}");
            var runsAfter = await service.Client.GetAllAsync($"/api/v1/runs?schedule_id={steady}");
            var metricRunsAfter = RunTotal(await service.Client.GetObjectAsync($"/api/v1/schedules/{steady}/metrics"));

            Assert.Equal("active", schedule.Str("status"));
            Assert.True(runsAfter.Count >= runsBefore, $"runs before {runsBefore}, after {runsAfter.Count}");
            // A graceful stop drains: nothing it had in flight is cut off, not even the slow target's attempt.
            var slowRuns = await service.Client.GetAllAsync($"/api/v1/runs?schedule_id={slow}");
            Assert.DoesNotContain(runsAfter.Concat(slowRuns), r => r["attempts"]!.AsArray().Any(a => a!["error_class"]?.GetValue<string>() == "interrupted"));
            Assert.Contains(slowRuns, r => r.Str("status") == "succeeded");
            Assert.True(metricRunsAfter >= metricRunsBefore, $"metrics before the stop {metricRunsBefore}, after {metricRunsAfter}");
            await _recorder.WaitForAsync(
                r => r.Any(x => x.ScheduleId == steady && x.ScheduledAt > restartedAt),
                TimeSpan.FromSeconds(20),
                "firing to resume after a graceful restart");
            var skippedRuns = await service.Client.GetAllAsync($"/api/v1/runs?schedule_id={skipping}&status=missed");
            Assert.NotEmpty(skippedRuns);
            Assert.All(skippedRuns, r => Assert.True(r["attempts"] is null || r["attempts"]!.AsArray().Count == 0));

            await _recorder.WaitForAsync(r => r.Count(x => x.ScheduleId == steady && x.ScheduledAt > restartedAt) >= 2, Patience, "two fires after the restart");
            await service.KillAsync();
        }

        await using (var service = new ServiceProcess(_dataDirectory))
        {
            var restartedAt = DateTimeOffset.UtcNow;
            await service.StartAsync();
            await _recorder.WaitForAsync(
                r => r.Any(x => x.ScheduleId == steady && x.ScheduledAt > restartedAt),
                TimeSpan.FromSeconds(20),
                "firing to resume after kill -9");
            var metricRunsAfterKill = RunTotal(await service.Client.GetObjectAsync($"/api/v1/schedules/{steady}/metrics"));
            // Aggregates are persisted every few seconds and at a graceful stop: a kill may lose the last few
            // seconds of them (never runs), but never what the graceful stop persisted.
            Assert.True(metricRunsAfterKill >= metricRunsBefore, $"metrics after the kill: {metricRunsAfterKill} (before {metricRunsBefore})");

            await AssertNoOccurrenceSentTwiceUnlessInterruptedAsync(service.Client);
            await service.StopAsync();
        }
    }

    private async Task AssertNoOccurrenceSentTwiceUnlessInterruptedAsync(HttpClient client)
    {
        var repeated = _recorder.Requests
            .Where(r => r.IdempotencyKey is not null)
            .GroupBy(r => r.IdempotencyKey!)
            .Where(g => g.Count() > 1)
            .ToArray();
        foreach (var group in repeated)
        {
            var run = await client.GetObjectAsync($"/api/v1/runs/{Uri.EscapeDataString(group.First().RunId!)}");
            var classes = run["attempts"]!.AsArray().Select(a => a!["error_class"]?.GetValue<string>()).ToArray();
            Assert.True(classes.Contains("interrupted"), $"{group.Key} was sent {group.Count()} times without an interruption: {run.ToJsonString()}");
        }

        Assert.True(repeated.Length <= 2, $"only occurrences in flight at the kill may repeat; {repeated.Length} did");
    }

    private static async Task WaitForFinishedRunsAsync(HttpClient client, string scheduleId, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await client.GetAllAsync($"/api/v1/runs?schedule_id={scheduleId}&status=succeeded")).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "runs did not finish");
            await Task.Delay(200);
        }
    }

    private static async Task WaitForMetricsAsync(HttpClient client, string scheduleId, long runs)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (RunTotal(await client.GetObjectAsync($"/api/v1/schedules/{scheduleId}/metrics")) < runs)
        {
            Assert.True(DateTime.UtcNow < deadline, "metrics did not catch up");
            await Task.Delay(200);
        }
    }

    private static long RunTotal(JsonObject metrics)
    {
        var runs = metrics["all_time"]?["runs"]?.AsObject();
        return runs is null ? 0 : runs.Sum(kv => kv.Value!.GetValue<long>());
    }
}
