using System.Net;
using System.Text.Json;

namespace OrleansCron.Tests.Api;

public sealed partial class SchedulesApiTests : IDisposable
{
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public SchedulesApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateSchedule_WithTargetId_Returns201WithDefaultsInSnakeCase()
    {
        var targetId = await _client.CreateTargetAsync();

        var response = await _client.PostJsonAsync(
            "/api/v1/schedules", $$"""{"target_id":"{{targetId}}","schedule_type":"interval","interval_seconds":60}""");

        var schedule = await response.ExpectAsync(HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetString()!;
        Assert.StartsWith("sch_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/schedules/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(targetId, schedule.GetProperty("target_id").GetString());
        Assert.Equal("interval", schedule.GetProperty("schedule_type").GetString());
        Assert.Equal("skip", schedule.GetProperty("overlap_policy").GetString());
        Assert.Equal("fire_once", schedule.GetProperty("misfire_policy").GetString());
        Assert.Equal(60, schedule.GetProperty("misfire_grace_seconds").GetInt32());
        Assert.Equal("UTC", schedule.GetProperty("time_zone").GetString());
        Assert.Equal("active", schedule.GetProperty("status").GetString());
        Assert.Equal("2026-03-02T12:01:00Z", schedule.GetProperty("next_fire_at").GetString());
        var retry = schedule.GetProperty("retry_policy");
        Assert.Equal(3, retry.GetProperty("max_attempts").GetInt32());
        Assert.Equal(1, retry.GetProperty("initial_delay_seconds").GetDouble());
        Assert.Equal(2, retry.GetProperty("multiplier").GetDouble());
        Assert.Equal(60, retry.GetProperty("max_delay_seconds").GetDouble());
        Assert.Equal(0.2, retry.GetProperty("jitter").GetDouble());
        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("last_run").ValueKind);
    }

    [Fact]
    public async Task CreateSchedule_WithInlineTarget_CreatesOwnedTarget()
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/schedules",
            """{"target":{"url":"https://example.com/job","method":"POST","body_template":"{\"run\":\"{{run_id}}\"}"},"schedule_type":"cron","cron_expression":"0 9 * * MON-FRI","time_zone":"Europe/London"}""");

        var schedule = await response.ExpectAsync(HttpStatusCode.Created);
        var targetId = schedule.GetProperty("target_id").GetString()!;
        Assert.StartsWith("tgt_", targetId, StringComparison.Ordinal);
        Assert.True(schedule.GetProperty("owns_target").GetBoolean());
        var target = await (await _client.GetAsync($"/api/v1/targets/{targetId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(schedule.GetProperty("id").GetString(), target.GetProperty("owner_schedule_id").GetString());
        Assert.Equal("{\"run\":\"{{run_id}}\"}", target.GetProperty("body_template").GetString());
    }

    [Fact]
    public async Task CreateSchedule_WithDelaySeconds_EchoesDelayAndResolvedRunAt()
    {
        var targetId = await _client.CreateTargetAsync();

        var schedule = await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"once\",\"delay_seconds\":90");

        Assert.Equal(90, schedule.GetProperty("delay_seconds").GetInt64());
        Assert.Equal("2026-03-02T12:01:30Z", schedule.GetProperty("run_at").GetString());
    }

    [Fact]
    public async Task ReplaceSchedule_WithGetBodySentBack_IsAccepted()
    {
        var targetId = await _client.CreateTargetAsync();
        var created = await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"once\",\"delay_seconds\":90,\"description\":\"a\"");
        var id = created.GetProperty("id").GetString()!;
        var read = await _client.GetStringAsync($"/api/v1/schedules/{id}");

        var response = await _client.PutJsonAsync($"/api/v1/schedules/{id}", read.Replace("\"a\"", "\"b\"", StringComparison.Ordinal));

        var replaced = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("b", replaced.GetProperty("description").GetString());
        Assert.Equal("2026-03-02T12:01:30Z", replaced.GetProperty("run_at").GetString());
    }

    [Fact]
    public async Task PatchSchedule_ChangingType_DropsOldTypeFieldsAndKeepsTheRest()
    {
        var targetId = await _client.CreateTargetAsync();
        var created = await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"interval\",\"interval_seconds\":60,\"tags\":[\"x\"]");
        var id = created.GetProperty("id").GetString()!;

        var response = await _client.PatchJsonAsync($"/api/v1/schedules/{id}", """{"schedule_type":"cron","cron_expression":"*/5 * * * *"}""");

        var patched = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cron", patched.GetProperty("schedule_type").GetString());
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("interval_seconds").ValueKind);
        Assert.Equal("x", patched.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task PatchSchedule_WithNull_ResetsToDefault()
    {
        var targetId = await _client.CreateTargetAsync();
        var created = await _client.CreateScheduleAsync(
            targetId, "\"schedule_type\":\"interval\",\"interval_seconds\":60,\"overlap_policy\":\"allow\",\"retry_policy\":{\"max_attempts\":5,\"jitter\":0}");
        var id = created.GetProperty("id").GetString()!;

        var response = await _client.PatchJsonAsync($"/api/v1/schedules/{id}", """{"overlap_policy":null,"retry_policy":{"jitter":null}}""");

        var patched = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("skip", patched.GetProperty("overlap_policy").GetString());
        Assert.Equal(5, patched.GetProperty("retry_policy").GetProperty("max_attempts").GetInt32());
        Assert.Equal(0.2, patched.GetProperty("retry_policy").GetProperty("jitter").GetDouble());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/pause")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/trigger")]
    [InlineData("GET", "/upcoming")]
    [InlineData("GET", "/runs")]
    [InlineData("GET", "/metrics")]
    public async Task ScheduleEndpoints_WhenScheduleUnknown_Return404Problem(string method, string suffix)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/schedules/sch_01J00000000000000000000000{suffix}"));

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListSchedules_WithFilters_ReturnsPageShape()
    {
        var targetId = await _client.CreateTargetAsync();
        await _client.CreateScheduleAsync(targetId);
        await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"cron\",\"cron_expression\":\"0 * * * *\"");

        var body = await (await _client.GetAsync($"/api/v1/schedules?schedule_type=cron&status=active&target_id={targetId}")).ExpectAsync(HttpStatusCode.OK);

        var only = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("cron", only.GetProperty("schedule_type").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task DeleteSchedule_WhenExists_Returns204ThenNotFound()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var response = await _client.DeleteAsync($"/api/v1/schedules/{id}");

        await response.ExpectAsync(HttpStatusCode.NoContent);
        await (await _client.GetAsync($"/api/v1/schedules/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
