using System.Net;

namespace OrleansCron.Tests.Api;

/// <summary>The Orleans Dashboard on the gateway: served, and never a way to read a target's secrets.</summary>
public sealed class DashboardTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orleanscron-dash-" + Guid.NewGuid().ToString("N"));
    private readonly RealStackFactory _factory;
    private readonly HttpClient _client;

    public DashboardTests()
    {
        _factory = new RealStackFactory(_dataDirectory);
        _client = _factory.CreateClient();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Dashboard_IsServedAtSlashDashboard()
    {
        var page = await _client.GetAsync("/dashboard/");
        var grainTypes = await _client.GetAsync("/dashboard/GrainTypes");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, grainTypes.StatusCode);
    }

    [Theory]
    [InlineData("OrleansCron.Targets.TargetGrain", "tgt")]
    [InlineData("OrleansCron.Scheduling.ScheduleGrain", "sch")]
    public async Task GrainState_ForTargetsAndSchedules_HoldsNoSecret(string grainType, string which)
    {
        var target = await _client.CreateTargetAsync("""{"url":"https://example.com/hook","headers":{"Authorization":"Bearer top-secret-value","X-Api-Key":"also-secret"}}""");
        var schedule = (await _client.CreateScheduleAsync(target)).GetProperty("id").GetString()!;
        var id = which == "tgt" ? target : schedule;

        var response = await _client.GetAsync($"/dashboard/GrainState?grainId={Uri.EscapeDataString(id)}&grainType={grainType}");
        var body = await response.Content.ReadAsStringAsync();

        // The dashboard knows the grain type and answers; it shows only what parameterless grain methods return, and
        // ours all take a cancellation token, so nothing of the target's definition leaks through it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("top-secret-value", body, StringComparison.Ordinal);
        Assert.DoesNotContain("also-secret", body, StringComparison.Ordinal);
    }
}
