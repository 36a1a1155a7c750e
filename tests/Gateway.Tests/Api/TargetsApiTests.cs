using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class TargetsApiTests : IDisposable
{
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public TargetsApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateTarget_WithMinimalBody_Returns201WithLocationAndSnakeCaseDefaults()
    {
        var response = await _client.PostJsonAsync("/api/v1/targets", """{"url":"https://example.com/hook"}""");

        var target = await response.ExpectAsync(HttpStatusCode.Created);
        var id = target.GetProperty("id").GetString()!;
        Assert.Matches("^tgt_[0-7][0-9A-HJKMNP-TV-Z]{25}$", id);
        Assert.Equal($"/api/v1/targets/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("example.com", target.GetProperty("name").GetString());
        Assert.Equal("GET", target.GetProperty("method").GetString());
        Assert.Equal(30, target.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal(0, target.GetProperty("success_status_codes").GetArrayLength());
        Assert.Equal("default", target.GetProperty("owner").GetString());
        Assert.Equal("2026-03-02T12:00:00Z", target.GetProperty("created_at").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, target.GetProperty("body_template").ValueKind);
    }

    [Fact]
    public async Task CreateTarget_WithSecretHeader_NeverEchoesTheSecret()
    {
        const string body = """{"url":"https://example.com","headers":{"Authorization":"Bearer s3cret","X-Trace":"on"}}""";

        var created = await (await _client.PostJsonAsync("/api/v1/targets", body)).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var read = await _client.GetStringAsync($"/api/v1/targets/{id}");
        var listed = await _client.GetStringAsync("/api/v1/targets");

        Assert.Equal("********", created.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("on", created.GetProperty("headers").GetProperty("X-Trace").GetString());
        Assert.DoesNotContain("s3cret", read, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", listed, StringComparison.Ordinal);
        Assert.Equal("Bearer s3cret", _factory.Backend.StoredTarget(id)!.Headers["Authorization"]);
    }

    [Fact]
    public async Task ReplaceTarget_WithMaskedSecretSentBack_KeepsStoredSecret()
    {
        var id = await _client.CreateTargetAsync("""{"url":"https://example.com","headers":{"X-Api-Key":"k1"}}""");
        var read = await _client.GetStringAsync($"/api/v1/targets/{id}");

        var response = await _client.PutJsonAsync($"/api/v1/targets/{id}", read.Replace("example.com", "example.org", StringComparison.Ordinal));

        var replaced = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("https://example.org", replaced.GetProperty("url").GetString());
        Assert.Equal("k1", _factory.Backend.StoredTarget(id)!.Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task PatchTarget_WithMergePatch_KeepsAbsentResetsNullAndMergesHeaders()
    {
        var id = await _client.CreateTargetAsync(
            """{"url":"https://example.com","timeout_seconds":90,"tags":["a"],"headers":{"X-One":"1","X-Two":"2"}}""");

        var response = await _client.PatchJsonAsync(
            $"/api/v1/targets/{id}", """{"timeout_seconds":null,"headers":{"X-Two":null,"X-Three":"3"}}""");

        var patched = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30, patched.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal("a", patched.GetProperty("tags")[0].GetString());
        var headers = patched.GetProperty("headers");
        Assert.Equal("1", headers.GetProperty("X-One").GetString());
        Assert.False(headers.TryGetProperty("X-Two", out _));
        Assert.Equal("3", headers.GetProperty("X-Three").GetString());
    }

    [Fact]
    public async Task PatchTarget_WithInvalidMergedResult_Returns400AndChangesNothing()
    {
        var id = await _client.CreateTargetAsync();
        var before = await _client.SnapshotAsync();

        var response = await _client.PatchJsonAsync($"/api/v1/targets/{id}", """{"url":"ftp://example.com"}""");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "url");
        Assert.Equal(before, await _client.SnapshotAsync());
    }

    [Theory]
    [InlineData("/api/v1/targets/tgt_01HZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("/api/v1/targets/not-an-id")]
    public async Task GetTarget_WhenUnknown_Returns404Problem(string url)
    {
        var response = await _client.GetAsync(url);

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteTarget_WhenSchedulesUseIt_Returns409AndKeepsBoth()
    {
        var id = await _client.CreateTargetAsync();
        await _client.CreateScheduleAsync(id);
        var writes = _factory.Backend.Writes;

        var response = await _client.DeleteAsync($"/api/v1/targets/{id}");

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(writes, _factory.Backend.Writes);
        await (await _client.GetAsync($"/api/v1/targets/{id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteTarget_WithCascade_DeletesTargetAndSchedules()
    {
        var id = await _client.CreateTargetAsync();
        var schedule = await _client.CreateScheduleAsync(id);

        var response = await _client.DeleteAsync($"/api/v1/targets/{id}?cascade=true");

        await response.ExpectAsync(HttpStatusCode.NoContent);
        await (await _client.GetAsync($"/api/v1/targets/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/v1/schedules/{schedule.GetProperty("id").GetString()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteTarget_WithBadCascadeValue_Returns400NamingCascade()
    {
        var id = await _client.CreateTargetAsync();

        var response = await _client.DeleteAsync($"/api/v1/targets/{id}?cascade=maybe");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "cascade");
    }

    [Fact]
    public async Task ListTargets_WithLimit_PagesThroughAllWithCursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _client.CreateTargetAsync());
        }

        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var url = "/api/v1/targets?limit=2" + (cursor is null ? "" : "&cursor=" + cursor);
            var body = await (await _client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            cursor = body.GetProperty("next_cursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task ListTargets_WithTagAndOwner_FiltersItems()
    {
        await _client.CreateTargetAsync("""{"url":"https://a.example","tags":["red"],"owner":"team-a"}""");
        await _client.CreateTargetAsync("""{"url":"https://b.example","tags":["blue"],"owner":"team-a"}""");

        var body = await (await _client.GetAsync("/api/v1/targets?tag=red&owner=team-a")).ExpectAsync(HttpStatusCode.OK);

        var only = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("https://a.example", only.GetProperty("url").GetString());
    }
}
