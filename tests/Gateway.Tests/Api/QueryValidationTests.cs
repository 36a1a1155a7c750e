using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class QueryValidationTests : IDisposable
{
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public QueryValidationTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/v1/targets?limit=0", "limit")]
    [InlineData("/api/v1/targets?limit=501", "limit")]
    [InlineData("/api/v1/targets?limit=ten", "limit")]
    [InlineData("/api/v1/targets?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/schedules?status=running", "status")]
    [InlineData("/api/v1/schedules?schedule_type=weekly", "schedule_type")]
    [InlineData("/api/v1/schedules?limit=-1", "limit")]
    [InlineData("/api/v1/schedules?cursor=MXwxMA", "cursor")]
    [InlineData("/api/v1/runs?status=done", "status")]
    [InlineData("/api/v1/runs?from=yesterday", "from")]
    [InlineData("/api/v1/runs?to=2026-03-02T00:00:00", "to")]
    [InlineData("/api/v1/runs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("/api/v1/runs?limit=1000", "limit")]
    [InlineData("/api/v1/runs?cursor=%%%", "cursor")]
    [InlineData("/api/v1/upcoming?limit=0", "limit")]
    public async Task List_WithBadQuery_Returns400NamingParameter(string url, string field)
    {
        var response = await _client.GetAsync(url);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("count=0")]
    [InlineData("count=101")]
    [InlineData("count=x")]
    public async Task GetUpcoming_WithCountOutOfRange_Returns400NamingCount(string query)
    {
        var id = (await _client.CreateScheduleAsync(await _client.CreateTargetAsync())).GetProperty("id").GetString()!;

        var response = await _client.GetAsync($"/api/v1/schedules/{id}/upcoming?{query}");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "count");
    }

    [Theory]
    [InlineData("/api/v1/runs?status=succeeded&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00%2B01:00&limit=500")]
    [InlineData("/api/v1/schedules?status=completed&schedule_type=once&limit=1")]
    [InlineData("/api/v1/targets?tag=&owner=")]
    [InlineData("/api/v1/upcoming?limit=500")]
    public async Task List_WithValidQuery_Returns200(string url)
    {
        var response = await _client.GetAsync(url);

        await response.ExpectAsync(HttpStatusCode.OK);
    }
}
