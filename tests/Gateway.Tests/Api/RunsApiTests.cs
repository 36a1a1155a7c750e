using System.Net;
using System.Text.Json;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Api;

public sealed class RunsApiTests : IDisposable
{
    private static readonly DateTimeOffset ScheduledAt = new(2026, 3, 2, 11, 0, 0, TimeSpan.Zero);
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public RunsApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetRun_WithAttempts_RendersSnakeCaseAndPinnedEnumNames()
    {
        var attempts = new[]
        {
            new AttemptRecord(1, ScheduledAt, 12.5, 404, 9, ErrorClass.Http4xx, "Not Found", "nope"),
            new AttemptRecord(2, ScheduledAt.AddSeconds(1), 30000, null, null, ErrorClass.ResponseTooLarge, "too big", null),
        };
        _factory.Backend.AddRun(new RunRecord(
            "sch_1.7", "sch_1", 7, ScheduledAt, ScheduledAt, ScheduledAt.AddSeconds(2), RunStatus.Failed, RunTrigger.CatchUp, [.. attempts], null, "silo", "default", "tgt_1"));

        var run = await (await _client.GetAsync("/api/v1/runs/sch_1.7")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("sch_1", run.GetProperty("schedule_id").GetString());
        Assert.Equal(7, run.GetProperty("occurrence").GetInt64());
        Assert.Equal("2026-03-02T11:00:00Z", run.GetProperty("scheduled_at").GetString());
        Assert.Equal("2026-03-02T11:00:02Z", run.GetProperty("finished_at").GetString());
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal("catch_up", run.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("next_attempt_at").ValueKind);
        var first = run.GetProperty("attempts")[0];
        Assert.Equal("http_4xx", first.GetProperty("error_class").GetString());
        Assert.Equal(404, first.GetProperty("status_code").GetInt32());
        Assert.Equal(12.5, first.GetProperty("duration_ms").GetDouble());
        Assert.Equal(9, first.GetProperty("response_size").GetInt64());
        Assert.Equal("nope", first.GetProperty("response_body").GetString());
        Assert.Equal("response_too_large", run.GetProperty("attempts")[1].GetProperty("error_class").GetString());
    }

    [Theory]
    [InlineData("sch_1.99")]
    [InlineData("not-a-run")]
    public async Task GetRun_WhenUnknown_Returns404Problem(string id)
    {
        var response = await _client.GetAsync($"/api/v1/runs/{id}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListRuns_ForSchedule_ReturnsNewestFirstInPageShape()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;
        await _client.PostEmptyAsync($"/api/v1/schedules/{id}/trigger");
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await _client.PostEmptyAsync($"/api/v1/schedules/{id}/trigger");

        var viaSchedule = await (await _client.GetAsync($"/api/v1/schedules/{id}/runs?limit=1")).ExpectAsync(HttpStatusCode.OK);
        var viaRuns = await (await _client.GetAsync($"/api/v1/runs?schedule_id={id}&status=pending")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal($"{id}.2", viaSchedule.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, viaSchedule.GetProperty("next_cursor").ValueKind);
        Assert.Equal([$"{id}.2", $"{id}.1"], viaRuns.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }
}
