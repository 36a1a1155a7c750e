using System.Globalization;
using System.Net;

namespace OrleansCron.Tests.Api;

/// <summary>Bad input and state rules against the real grains and storage: problem responses, nothing changed.</summary>
public sealed class RealStackValidationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orleanscron-valid-" + Guid.NewGuid().ToString("N"));
    private readonly RealStackFactory _factory;
    private readonly HttpClient _client;

    public RealStackValidationTests()
    {
        _factory = new RealStackFactory(_dataDirectory);
        _client = _factory.CreateClient();
    }

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("""{"target_id":"tgt_unknown","schedule_type":"interval","interval_seconds":5}""", "target_id")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"cron","cron_expression":"61 * * * *"}""", "cron_expression")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"cron","cron_expression":"* * * * *","time_zone":"Mars/Olympus"}""", "time_zone")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"interval","interval_seconds":0}""", "interval_seconds")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"interval","interval_seconds":"abc"}""", "interval_seconds")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"interval","interval_seconds":5,"start_at":"2030-01-02T00:00:00Z","end_at":"2030-01-01T00:00:00Z"}""", "end_at")]
    [InlineData("""{"target_id":"TARGET","schedule_type":"interval","interval_seconds":5,"overlap_policy":"sometimes"}""", "overlap_policy")]
    public async Task CreateSchedule_WithBadInput_ReturnsProblemNamingTheFieldAndChangesNothing(string body, string field)
    {
        var target = await _client.CreateTargetAsync();
        var before = await _client.SnapshotAsync();

        var response = await _client.PostJsonAsync("/api/v1/schedules", body.Replace("TARGET", target, StringComparison.Ordinal));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await _client.SnapshotAsync());
    }

    [Fact]
    public async Task UnknownSchedule_ActionsReturn404Problems()
    {
        await (await _client.PostEmptyAsync("/api/v1/schedules/sch_missing/pause")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/v1/schedules/sch_missing")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/v1/runs/sch_missing.1")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteTarget_InUse_IsRefusedUnlessCascade()
    {
        var target = await _client.CreateTargetAsync();
        var schedule = (await _client.CreateScheduleAsync(target)).GetProperty("id").GetString()!;

        await (await _client.DeleteAsync($"/api/v1/targets/{target}")).ExpectProblemAsync(HttpStatusCode.Conflict);
        var stillThere = await _client.GetAsync($"/api/v1/schedules/{schedule}");
        var cascade = await _client.DeleteAsync($"/api/v1/targets/{target}?cascade=true");

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cascade.StatusCode);
        await (await _client.GetAsync($"/api/v1/schedules/{schedule}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/targets/{target}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PatchSchedule_ChangesTheNextFireAtOnce()
    {
        var target = await _client.CreateTargetAsync();
        var created = await _client.CreateScheduleAsync(target, "\"schedule_type\":\"interval\",\"interval_seconds\":3600");
        var id = created.GetProperty("id").GetString()!;

        var patched = await (await _client.PatchJsonAsync($"/api/v1/schedules/{id}", """{"interval_seconds":60}""")).ExpectAsync(HttpStatusCode.OK);

        var next = DateTimeOffset.Parse(patched.GetProperty("next_fire_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(60, patched.GetProperty("interval_seconds").GetInt64());
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(61));
    }
}
