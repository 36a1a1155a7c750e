using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class ScheduleValidationTests : IDisposable
{
    private const string Interval = "\"schedule_type\":\"interval\",\"interval_seconds\":60";
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public ScheduleValidationTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    // Malformed or mistyped JSON
    [InlineData("{\"schedule_type\":", "body")]
    [InlineData("{TARGET," + Interval + ",}", "body")]
    [InlineData("{TARGET,\"schedule_type\":\"interval\",\"interval_seconds\":\"abc\"}", "interval_seconds")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"max_attempts\":\"x\"}}", "retry_policy.max_attempts")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"tries\":2}}", "retry_policy.tries")]
    [InlineData("{TARGET," + Interval + ",\"start_at\":\"2026-03-02T12:00:00\"}", "start_at")]
    [InlineData("{TARGET," + Interval + ",\"start_at\":\"tomorrow\"}", "start_at")]
    [InlineData("{TARGET," + Interval + ",\"cron\":\"* * * * *\"}", "cron")]
    // Unknown enum values
    [InlineData("{TARGET,\"schedule_type\":\"hourly\"}", "schedule_type")]
    [InlineData("{TARGET,\"schedule_type\":\"Interval\",\"interval_seconds\":60}", "schedule_type")]
    [InlineData("{TARGET," + Interval + ",\"overlap_policy\":\"queue\"}", "overlap_policy")]
    [InlineData("{TARGET," + Interval + ",\"misfire_policy\":\"FireOnce\"}", "misfire_policy")]
    [InlineData("{TARGET," + Interval + ",\"overlap_policy\":1}", "overlap_policy")]
    // Missing fields and fields of another type
    [InlineData("{TARGET}", "schedule_type")]
    [InlineData("{" + Interval + "}", "target_id")]
    [InlineData("{TARGET,\"schedule_type\":\"interval\"}", "interval_seconds")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\"}", "cron_expression")]
    [InlineData("{TARGET,\"schedule_type\":\"once\"}", "run_at")]
    [InlineData("{TARGET," + Interval + ",\"cron_expression\":\"* * * * *\"}", "cron_expression")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\",\"cron_expression\":\"* * * * *\",\"interval_seconds\":5}", "interval_seconds")]
    [InlineData("{TARGET," + Interval + ",\"run_at\":\"2026-04-01T00:00:00Z\"}", "run_at")]
    [InlineData("{TARGET,\"schedule_type\":\"once\",\"delay_seconds\":5,\"start_at\":\"2026-04-01T00:00:00Z\"}", "start_at")]
    [InlineData("{TARGET,\"schedule_type\":\"once\",\"delay_seconds\":5,\"run_at\":\"2026-04-01T00:00:00Z\"}", "delay_seconds")]
    // Values out of range
    [InlineData("{TARGET,\"schedule_type\":\"interval\",\"interval_seconds\":0}", "interval_seconds")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\",\"cron_expression\":\"61 * * * *\"}", "cron_expression")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\",\"cron_expression\":\"* * *\"}", "cron_expression")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\",\"cron_expression\":\"0 0 30 2 *\"}", "cron_expression")]
    [InlineData("{TARGET,\"schedule_type\":\"cron\",\"cron_expression\":\"* * * * *\",\"time_zone\":\"Mars/Olympus\"}", "time_zone")]
    [InlineData("{TARGET," + Interval + ",\"start_at\":\"2026-04-02T00:00:00Z\",\"end_at\":\"2026-04-01T00:00:00Z\"}", "end_at")]
    [InlineData("{TARGET," + Interval + ",\"end_at\":\"2026-03-01T00:00:00Z\"}", "end_at")]
    [InlineData("{TARGET," + Interval + ",\"end_at\":\"2026-04-01T00:00:00Z\",\"duration_seconds\":60}", "duration_seconds")]
    [InlineData("{TARGET," + Interval + ",\"duration_seconds\":0}", "duration_seconds")]
    [InlineData("{TARGET,\"schedule_type\":\"once\",\"run_at\":\"2026-03-02T11:59:59Z\"}", "run_at")]
    [InlineData("{TARGET,\"schedule_type\":\"once\",\"delay_seconds\":-1}", "delay_seconds")]
    [InlineData("{TARGET," + Interval + ",\"misfire_grace_seconds\":-1}", "misfire_grace_seconds")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"max_attempts\":0}}", "retry_policy.max_attempts")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"max_attempts\":21}}", "retry_policy.max_attempts")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"multiplier\":0.5}}", "retry_policy.multiplier")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"jitter\":1.5}}", "retry_policy.jitter")]
    [InlineData("{TARGET," + Interval + ",\"retry_policy\":{\"initial_delay_seconds\":90}}", "retry_policy.max_delay_seconds")]
    // Targets
    [InlineData("{\"target_id\":\"tgt_01J00000000000000000000000\"," + Interval + "}", "target_id")]
    [InlineData("{\"target_id\":\"nope\"," + Interval + "}", "target_id")]
    [InlineData("{TARGET,\"target\":{\"url\":\"https://e.com\"}," + Interval + "}", "target")]
    [InlineData("{\"target\":{\"url\":\"file:///etc/passwd\"}," + Interval + "}", "target.url")]
    [InlineData("{\"target\":{\"url\":\"https://e.com\",\"timeout_seconds\":0}," + Interval + "}", "target.timeout_seconds")]
    // Read-only fields
    [InlineData("{TARGET," + Interval + ",\"status\":\"paused\"}", "status")]
    [InlineData("{TARGET," + Interval + ",\"id\":\"sch_mine\"}", "id")]
    public async Task CreateSchedule_WithBadInput_Returns400NamingFieldAndChangesNothing(string template, string field)
    {
        var targetId = await _client.CreateTargetAsync();
        await _client.CreateScheduleAsync(targetId);
        var before = await _client.SnapshotAsync();
        var writes = _factory.Backend.Writes;

        var response = await _client.PostJsonAsync("/api/v1/schedules", template.Replace("TARGET", $"\"target_id\":\"{targetId}\"", StringComparison.Ordinal));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(writes, _factory.Backend.Writes);
        Assert.Equal(before, await _client.SnapshotAsync());
    }

    [Theory]
    [InlineData("PUT", "{TARGET,\"schedule_type\":\"interval\",\"interval_seconds\":0}", "interval_seconds")]
    [InlineData("PUT", "{TARGET," + Interval + ",\"target\":{\"url\":\"https://e.com\"}}", "target")]
    [InlineData("PUT", "{\"schedule_type\":\"interval\",\"interval_seconds\":5}", "target_id")]
    [InlineData("PATCH", "{\"interval_seconds\":\"abc\"}", "interval_seconds")]
    [InlineData("PATCH", "{\"interval_seconds\":0}", "interval_seconds")]
    [InlineData("PATCH", "{\"schedule_type\":null}", "schedule_type")]
    [InlineData("PATCH", "{\"schedule_type\":\"cron\"}", "cron_expression")]
    [InlineData("PATCH", "{\"cron_expression\":\"* * * * *\"}", "cron_expression")]
    [InlineData("PATCH", "{\"target_id\":\"tgt_01J00000000000000000000000\"}", "target_id")]
    [InlineData("PATCH", "{\"retry_policy\":{\"max_attempts\":99}}", "retry_policy.max_attempts")]
    [InlineData("PATCH", "{\"next_fire_at\":\"2026-04-01T00:00:00Z\"}", "next_fire_at")]
    [InlineData("PATCH", "[1]", "body")]
    public async Task UpdateSchedule_WithBadInput_Returns400NamingFieldAndChangesNothing(string method, string template, string field)
    {
        var targetId = await _client.CreateTargetAsync();
        var id = (await _client.CreateScheduleAsync(targetId)).GetProperty("id").GetString()!;
        var before = await _client.GetStringAsync($"/api/v1/schedules/{id}");
        var writes = _factory.Backend.Writes;
        var body = template.Replace("TARGET", $"\"target_id\":\"{targetId}\"", StringComparison.Ordinal);

        var response = await _client.SendJsonAsync(new HttpMethod(method), $"/api/v1/schedules/{id}", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(writes, _factory.Backend.Writes);
        Assert.Equal(before, await _client.GetStringAsync($"/api/v1/schedules/{id}"));
    }

    [Fact]
    public async Task CreateSchedule_WithSeveralProblems_ReportsEachField()
    {
        var targetId = await _client.CreateTargetAsync();

        var response = await _client.PostJsonAsync(
            "/api/v1/schedules",
            $$$"""{"target_id":"{{{targetId}}}","schedule_type":"interval","interval_seconds":0,"overlap_policy":"x","retry_policy":{"jitter":2}}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["interval_seconds", "overlap_policy", "retry_policy.jitter"], fields);
    }

    [Fact]
    public async Task PatchSchedule_WithTextBody_Returns415Problem()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var response = await _client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/schedules/{id}", "{}", "text/plain");

        await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
