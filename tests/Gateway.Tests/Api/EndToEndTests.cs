using System.Net;
using System.Text.Json;
using OrleansCron.Tests.Infrastructure;

namespace OrleansCron.Tests.Api;

/// <summary>Against the real stack: co-hosted silo, grains and SQLite storage in a temporary directory.</summary>
public sealed class EndToEndTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orleanscron-api-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Ready_WithCoHostedSilo_Returns200()
    {
        using var factory = new RealStackFactory(_dataDirectory);

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Target_CreateReadListDelete_RoundTripsThroughGrains()
    {
        using var factory = new RealStackFactory(_dataDirectory);
        var client = factory.CreateClient();

        var id = await client.CreateTargetAsync("""{"url":"https://example.com/hook","headers":{"Authorization":"Bearer s3cret"},"tags":["e2e"]}""");
        var read = await (await client.GetAsync($"/api/v1/targets/{id}")).ExpectAsync(HttpStatusCode.OK);
        var listed = await (await client.GetAsync("/api/v1/targets?tag=e2e")).ExpectAsync(HttpStatusCode.OK);
        var deleted = await client.DeleteAsync($"/api/v1/targets/{id}");

        Assert.Equal("********", read.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        await deleted.ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/api/v1/targets/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Trigger_AgainstLoopbackReceiver_RecordsSucceededRunAndMetrics()
    {
        await using var receiver = await RecordingServer.StartAsync();
        using var factory = new RealStackFactory(_dataDirectory);
        var client = factory.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/schedules", $$$"""
            {"target":{"url":"{{{receiver.Url("/hook")}}}","method":"POST","headers":{"Authorization":"Bearer s3cret"},"body_template":"run={{run_id}}"},
             "schedule_type":"cron","cron_expression":"0 0 1 1 *"}
            """)).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var trigger = await (await client.PostEmptyAsync($"/api/v1/schedules/{id}/trigger")).ExpectAsync(HttpStatusCode.Accepted);
        var runId = trigger.GetProperty("run_id").GetString()!;
        var run = await PollAsync(client, $"/api/v1/runs/{runId}", r => r.GetProperty("status").GetString() == "succeeded");
        var metrics = await PollAsync(
            client, $"/api/v1/schedules/{id}/metrics", m => m.GetProperty("all_time").GetProperty("runs").GetProperty("succeeded").GetInt64() == 1);

        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal(200, run.GetProperty("attempts")[0].GetProperty("status_code").GetInt32());
        Assert.Equal("none", run.GetProperty("attempts")[0].GetProperty("error_class").GetString());
        Assert.Contains(receiver.Requests, r => r.Body == $"run={runId}" && r.Authorization == "Bearer s3cret");
        Assert.Equal(1.0, metrics.GetProperty("all_time").GetProperty("success_rate").GetDouble());
        var schedule = await (await client.GetAsync($"/api/v1/schedules/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(runId, schedule.GetProperty("last_run").GetProperty("id").GetString());
        var runs = await (await client.GetAsync($"/api/v1/schedules/{id}/runs")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(runId, runs.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Schedule_ListUpcomingAndDeleteTarget_FollowTheCatalog()
    {
        using var factory = new RealStackFactory(_dataDirectory);
        var client = factory.CreateClient();
        var targetId = await client.CreateTargetAsync();
        var id = (await client.CreateScheduleAsync(targetId, "\"schedule_type\":\"cron\",\"cron_expression\":\"0 9 * * *\",\"time_zone\":\"America/New_York\""))
            .GetProperty("id").GetString()!;

        var upcoming = await (await client.GetAsync($"/api/v1/schedules/{id}/upcoming?count=3")).ExpectAsync(HttpStatusCode.OK);
        var listed = await PollAsync(client, $"/api/v1/schedules?target_id={targetId}", l => l.GetProperty("items").GetArrayLength() == 1);
        var all = await PollAsync(client, "/api/v1/upcoming", u => u.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("schedule_id").GetString() == id));
        var refused = await client.DeleteAsync($"/api/v1/targets/{targetId}");
        var cascaded = await client.DeleteAsync($"/api/v1/targets/{targetId}?cascade=true");

        Assert.Equal(3, upcoming.GetProperty("items").GetArrayLength());
        Assert.All(upcoming.GetProperty("items").EnumerateArray(), i => Assert.Contains("T09:00:00-0", i.GetProperty("local").GetString(), StringComparison.Ordinal));
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, all.ValueKind);
        await refused.ExpectProblemAsync(HttpStatusCode.Conflict);
        await cascaded.ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/api/v1/schedules/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Schedule_AfterRestart_IsStillThere()
    {
        string id;
        using (var first = new RealStackFactory(_dataDirectory))
        {
            var client = first.CreateClient();
            id = (await client.CreateScheduleAsync(await client.CreateTargetAsync(), "\"schedule_type\":\"interval\",\"interval_seconds\":3600,\"description\":\"kept\""))
                .GetProperty("id").GetString()!;
        }

        using var second = new RealStackFactory(_dataDirectory);
        var schedule = await (await second.CreateClient().GetAsync($"/api/v1/schedules/{id}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("kept", schedule.GetProperty("description").GetString());
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var response = await client.GetAsync(url);
            var body = response.IsSuccessStatusCode ? await response.JsonAsync() : default;
            if (response.IsSuccessStatusCode && done(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not reach the expected state within {Deadline}: {(int)response.StatusCode} {body}");
            await Task.Delay(100);
        }
    }
}
