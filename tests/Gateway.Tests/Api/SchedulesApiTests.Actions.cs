using System.Net;
using OrleansCron.Schedules;

namespace OrleansCron.Tests.Api;

public sealed partial class SchedulesApiTests
{
    [Fact]
    public async Task PauseAndResume_ChangeStatus()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var paused = await (await _client.PostEmptyAsync($"/api/v1/schedules/{id}/pause")).ExpectAsync(HttpStatusCode.OK);
        var resumed = await (await _client.PostEmptyAsync($"/api/v1/schedules/{id}/resume")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TriggerSchedule_WhenAccepted_Returns202WithRunLocation()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var response = await _client.PostEmptyAsync($"/api/v1/schedules/{id}/trigger");

        var body = await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal($"{id}.1", body.GetProperty("run_id").GetString());
        Assert.Equal(1, body.GetProperty("occurrence").GetInt64());
        Assert.Equal($"/api/v1/runs/{id}.1", response.Headers.Location?.OriginalString);
        var run = await (await _client.GetAsync($"/api/v1/runs/{id}.1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal("pending", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TriggerSchedule_WhenOverlapPolicyRefuses_Returns409Problem()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;
        _factory.Backend.TriggerOutcome = ScheduleOutcome.Conflict;

        var response = await _client.PostEmptyAsync($"/api/v1/schedules/{id}/trigger");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("overlap", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUpcoming_ForCronInZone_ReturnsUtcLocalAndDst()
    {
        var targetId = await _client.CreateTargetAsync();
        var id = (await _client.CreateScheduleAsync(
            targetId, "\"schedule_type\":\"cron\",\"cron_expression\":\"30 1 * * *\",\"time_zone\":\"Europe/London\",\"start_at\":\"2026-03-28T00:00:00Z\""))
            .GetProperty("id").GetString()!;

        var body = await (await _client.GetAsync($"/api/v1/schedules/{id}/upcoming?count=3")).ExpectAsync(HttpStatusCode.OK);

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("2026-03-28T01:30:00Z", items[0].GetProperty("at").GetString());
        Assert.Equal("2026-03-28T01:30:00+00:00", items[0].GetProperty("local").GetString());
        Assert.Equal("none", items[0].GetProperty("dst").GetString());
        Assert.Equal("2026-03-29T01:00:00Z", items[1].GetProperty("at").GetString());
        Assert.Equal("2026-03-29T02:00:00+01:00", items[1].GetProperty("local").GetString());
        Assert.Equal("moved", items[1].GetProperty("dst").GetString());
    }

    [Fact]
    public async Task GetUpcoming_WithoutCount_ReturnsTen()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var body = await (await _client.GetAsync($"/api/v1/schedules/{id}/upcoming")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(10, body.GetProperty("items").GetArrayLength());
    }
}
