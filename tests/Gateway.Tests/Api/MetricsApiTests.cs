using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class MetricsApiTests : IDisposable
{
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public MetricsApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetMetrics_Global_RendersEveryWindowWithZeroFilledCounts()
    {
        var metrics = await (await _client.GetAsync("/api/v1/metrics")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("$global", metrics.GetProperty("scope").GetString());
        Assert.Equal("2026-03-02T12:00:00Z", metrics.GetProperty("as_of").GetString());
        foreach (var window in new[] { "all_time", "last_hour", "last_day" })
        {
            var w = metrics.GetProperty(window);
            Assert.Equal(3, w.GetProperty("runs").GetProperty("succeeded").GetInt64());
            Assert.Equal(0, w.GetProperty("runs").GetProperty("missed").GetInt64());
            Assert.Equal(7, w.GetProperty("runs").EnumerateObject().Count());
            Assert.Equal(2, w.GetProperty("attempts").GetProperty("http_4xx").GetInt64());
            Assert.Equal(1, w.GetProperty("attempts").GetProperty("response_too_large").GetInt64());
            Assert.Equal(0, w.GetProperty("attempts").GetProperty("http_5xx").GetInt64());
            Assert.Equal(0.75, w.GetProperty("success_rate").GetDouble());
            var latency = w.GetProperty("latency");
            Assert.Equal(6, latency.GetProperty("count").GetInt64());
            Assert.Equal(12.5, latency.GetProperty("avg_ms").GetDouble());
            Assert.Equal(10, latency.GetProperty("p50_ms").GetDouble());
            Assert.Equal(20, latency.GetProperty("p95_ms").GetDouble());
            Assert.Equal(30, latency.GetProperty("p99_ms").GetDouble());
            Assert.Equal(31, latency.GetProperty("max_ms").GetDouble());
        }
    }

    [Fact]
    public async Task GetMetrics_ForSchedule_UsesScheduleScopeOnBothRoutes()
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var viaQuery = await (await _client.GetAsync($"/api/v1/metrics?schedule_id={id}")).ExpectAsync(HttpStatusCode.OK);
        var viaSchedule = await (await _client.GetAsync($"/api/v1/schedules/{id}/metrics")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, viaQuery.GetProperty("scope").GetString());
        Assert.Equal(id, viaSchedule.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task GetMetrics_ForUnknownSchedule_Returns404Problem()
    {
        var response = await _client.GetAsync("/api/v1/metrics?schedule_id=sch_01J00000000000000000000000");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListUpcoming_AcrossSchedules_ReturnsSoonestFirst()
    {
        var targetId = await _client.CreateTargetAsync();
        var later = (await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"interval\",\"interval_seconds\":600")).GetProperty("id").GetString();
        var sooner = (await _client.CreateScheduleAsync(targetId, "\"schedule_type\":\"interval\",\"interval_seconds\":60")).GetProperty("id").GetString();

        var body = await (await _client.GetAsync("/api/v1/upcoming?limit=5")).ExpectAsync(HttpStatusCode.OK);

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([sooner, later], items.Select(i => i.GetProperty("schedule_id").GetString()));
        Assert.Equal("2026-03-02T12:01:00Z", items[0].GetProperty("next_fire_at").GetString());
        Assert.Equal(targetId, items[0].GetProperty("target_id").GetString());
    }
}
