using System.Globalization;
using System.Net;
using System.Text.Json;
using OrleansCron.Tests.Infrastructure;

namespace OrleansCron.Tests.Api;

/// <summary>
/// The whole service in-process (gateway, co-hosted silo, SQLite), firing real HTTP requests at a recording
/// server on loopback. Waits are bounded and generous: they poll, never sleep a fixed time to pass.
/// </summary>
public sealed class FiringEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orleanscron-fire-" + Guid.NewGuid().ToString("N"));
    private RecordingServer _recorder = null!;
    private RealStackFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _recorder = await RecordingServer.StartAsync();
        _factory = new RealStackFactory(_dataDirectory);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _recorder.DisposeAsync();
    }

    [Fact]
    public async Task IntervalOfOneSecond_ProducesRunsWithCorrectAttemptsAndHeaders()
    {
        // Overlap "allow": on a cold, loaded machine the very first request (connection set-up, JIT) can outlast a
        // second, and the default policy would then rightly skip occurrence 2. This test is about the headers.
        var id = await CreateAsync("/ok", """ "schedule_type":"interval","interval_seconds":1,"overlap_policy":"allow" """);

        var runs = await PollAsync($"/api/v1/runs?schedule_id={id}", r => r.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("occurrence").GetInt64() <= 3 && i.GetProperty("status").GetString() == "succeeded") == 3);
        var requests = await _recorder.WaitForAsync(r => r.Count(x => x.ScheduleId == id && x.Occurrence <= 3) >= 3, Patience, "three fires");

        var fired = requests.Where(r => r.ScheduleId == id && r.Occurrence <= 3).OrderBy(r => r.Occurrence).ToArray();
        Assert.Equal([1L, 2L, 3L], fired.Select(r => r.Occurrence!.Value));
        foreach (var request in fired)
        {
            Assert.Equal($"{id}:{request.Occurrence}", request.IdempotencyKey);
            Assert.Equal($"{id}.{request.Occurrence}", request.RunId);
            Assert.Equal(1, request.Attempt);
            Assert.True(request.ArrivedAt >= request.ScheduledAt!.Value.AddMilliseconds(-1), "never sent before its instant");
        }

        Assert.Equal(TimeSpan.FromSeconds(1), fired[1].ScheduledAt - fired[0].ScheduledAt);
        var run = runs.GetProperty("items").EnumerateArray().First(i => i.GetProperty("occurrence").GetInt64() == 1);
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Equal(fired[0].ScheduledAt, DateTimeOffset.Parse(run.GetProperty("scheduled_at").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(200, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal("none", attempt.GetProperty("error_class").GetString());
        Assert.Equal("schedule", run.GetProperty("trigger").GetString());
        Assert.True(attempt.GetProperty("duration_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Target503Then200_RecordsTwoAttemptsUnderOneIdempotencyKey()
    {
        var id = await CreateAsync("/flaky/1", """ "schedule_type":"once","delay_seconds":0,"retry_policy":{"max_attempts":3,"initial_delay_seconds":1} """);

        var run = await PollAsync($"/api/v1/runs/{id}.1", r => r.GetProperty("status").GetString() == "succeeded");
        var requests = _recorder.Requests.Where(r => r.ScheduleId == id).ToArray();

        var attempts = run.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal([503, 200], attempts.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal(["http_5xx", "none"], attempts.Select(a => a.GetProperty("error_class").GetString()));
        Assert.Equal([1, 2], requests.Select(r => r.Attempt!.Value).Order());
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Target404_IsNotRetried()
    {
        var id = await CreateAsync("/status/404", """ "schedule_type":"once","delay_seconds":0,"retry_policy":{"max_attempts":5,"initial_delay_seconds":1} """);

        var run = await PollAsync($"/api/v1/runs/{id}.1", r => r.GetProperty("status").GetString() == "failed");
        var schedule = await PollAsync($"/api/v1/schedules/{id}", s => s.GetProperty("status").GetString() == "completed");

        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Equal(404, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal("http_4xx", attempt.GetProperty("error_class").GetString());
        Assert.Single(_recorder.Requests, r => r.ScheduleId == id);
        Assert.Equal("completed", schedule.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HangingTarget_IsClassifiedTimeout_AndTheScheduleStillAnswersAtOnce()
    {
        var id = await CreateAsync("/hang", """ "schedule_type":"once","delay_seconds":0,"retry_policy":{"max_attempts":1} """, timeoutSeconds: 2);
        await _recorder.WaitForAsync(r => r.Any(x => x.ScheduleId == id), Patience, "the hanging request");

        var started = DateTime.UtcNow;
        var whileHanging = await _client.GetAsync($"/api/v1/schedules/{id}");
        var answeredIn = DateTime.UtcNow - started;
        var run = await PollAsync($"/api/v1/runs/{id}.1", r => r.GetProperty("status").GetString() == "failed");

        Assert.Equal(HttpStatusCode.OK, whileHanging.StatusCode);
        Assert.True(answeredIn < TimeSpan.FromSeconds(1.5), $"GET took {answeredIn.TotalMilliseconds:0} ms while the target hung");
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Equal("timeout", attempt.GetProperty("error_class").GetString());
    }

    [Fact]
    public async Task Window_WhenItEnds_CompletesTheSchedule()
    {
        var id = await CreateAsync("/ok", """ "schedule_type":"interval","interval_seconds":1,"duration_seconds":3 """);

        var schedule = await PollAsync($"/api/v1/schedules/{id}", s => s.GetProperty("status").GetString() == "completed");
        var runs = await _client.GetAsync($"/api/v1/runs?schedule_id={id}");

        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("next_fire_at").ValueKind);
        var items = (await runs.ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();
        Assert.InRange(items, 2, 3);
    }

    private async Task<string> CreateAsync(string path, string scheduleFields, int timeoutSeconds = 30)
    {
        var body = $$"""{"target":{"url":"{{_recorder.Url(path)}}","method":"POST","timeout_seconds":{{timeoutSeconds}}},{{scheduleFields}}}""";
        var created = await (await _client.PostJsonAsync("/api/v1/schedules", body)).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await _client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                var json = await response.JsonAsync();
                if (condition(json))
                {
                    return json;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out polling {url}");
            await Task.Delay(100);
        }
    }
}
