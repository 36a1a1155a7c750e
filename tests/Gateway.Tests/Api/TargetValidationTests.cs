using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class TargetValidationTests : IDisposable
{
    private readonly FakeApiFactory _factory = new();
    private readonly HttpClient _client;

    public TargetValidationTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    // Malformed or mistyped JSON
    [InlineData("""{"url":""", "body")]
    [InlineData("""[]""", "body")]
    [InlineData("", "body")]
    [InlineData("""{"url":"https://e.com","url":"https://f.com"}""", "body")]
    [InlineData("""{"url":"https://e.com","timeout_seconds":"abc"}""", "timeout_seconds")]
    [InlineData("""{"url":"https://e.com","timeout_seconds":1.5}""", "timeout_seconds")]
    [InlineData("""{"url":"https://e.com","tags":"red"}""", "tags")]
    [InlineData("""{"url":"https://e.com","headers":{"X-A":1}}""", "headers.X-A")]
    [InlineData("""{"url":"https://e.com","success_status_codes":[200,"x"]}""", "success_status_codes[1]")]
    [InlineData("""{"url":"https://e.com","colour":"red"}""", "colour")]
    // Missing or invalid fields
    [InlineData("""{"name":"x"}""", "url")]
    [InlineData("""{"url":"ftp://example.com"}""", "url")]
    [InlineData("""{"url":"/relative/path"}""", "url")]
    [InlineData("""{"url":"https://user:pw@example.com"}""", "url")]
    [InlineData("""{"url":"https://e.com","method":"FETCH"}""", "method")]
    [InlineData("""{"url":"https://e.com","timeout_seconds":0}""", "timeout_seconds")]
    [InlineData("""{"url":"https://e.com","timeout_seconds":601}""", "timeout_seconds")]
    [InlineData("""{"url":"https://e.com","success_status_codes":[99]}""", "success_status_codes[0]")]
    [InlineData("""{"url":"https://e.com","success_status_codes":[200,600]}""", "success_status_codes[1]")]
    [InlineData("""{"url":"https://e.com","headers":{"Bad Name":"v"}}""", "headers.Bad Name")]
    [InlineData("""{"url":"https://e.com","headers":{"X-A":"line\nbreak"}}""", "headers.X-A")]
    [InlineData("""{"url":"https://e.com","headers":{"X-A":null}}""", "headers.X-A")]
    [InlineData("""{"url":"https://e.com","headers":{"Content-Length":"5"}}""", "headers.Content-Length")]
    [InlineData("""{"url":"https://e.com","headers":{"X-A":"1","x-a":"2"}}""", "headers.x-a")]
    [InlineData("""{"url":"https://e.com","headers":{"Authorization":"********"}}""", "headers.Authorization")]
    [InlineData("""{"url":"https://e.com","tags":[""]}""", "tags[0]")]
    [InlineData("""{"url":"https://e.com","owner":" "}""", "owner")]
    [InlineData("""{"url":"https://e.com","name":""}""", "name")]
    // Read-only fields
    [InlineData("""{"url":"https://e.com","id":"tgt_mine"}""", "id")]
    [InlineData("""{"url":"https://e.com","created_at":"2026-01-01T00:00:00Z"}""", "created_at")]
    public async Task CreateTarget_WithBadInput_Returns400NamingFieldAndChangesNothing(string body, string field)
    {
        await _client.CreateTargetAsync();
        var before = await _client.SnapshotAsync();
        var writes = _factory.Backend.Writes;

        var response = await _client.PostJsonAsync("/api/v1/targets", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(writes, _factory.Backend.Writes);
        Assert.Equal(before, await _client.SnapshotAsync());
    }

    [Fact]
    public async Task CreateTarget_WithWrongType_ExplainsWithoutClrTypeNames()
    {
        var response = await _client.PostJsonAsync("/api/v1/targets", """{"url":"https://e.com","timeout_seconds":"abc"}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "timeout_seconds");
        var message = problem.GetProperty("errors").GetProperty("timeout_seconds")[0].GetString();
        Assert.Equal("Expected an integer (32-bit).", message);
    }

    [Fact]
    public async Task CreateTarget_WithFormContentType_Returns415Problem()
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "/api/v1/targets", "url=https://e.com", "application/x-www-form-urlencoded");

        await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"url":"https://e.com","method":"get"}""", "GET")]
    [InlineData("""{"url":"https://e.com","method":"OPTIONS"}""", "OPTIONS")]
    public async Task CreateTarget_WithMethodInAnyCase_StoresUpperCase(string body, string expected)
    {
        var response = await _client.PostJsonAsync("/api/v1/targets", body);

        var target = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(expected, target.GetProperty("method").GetString());
    }

    [Fact]
    public async Task ReplaceTarget_WithMissingUrl_Returns400NamingUrl()
    {
        var id = await _client.CreateTargetAsync();

        var response = await _client.PutJsonAsync($"/api/v1/targets/{id}", """{"name":"x"}""");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "url");
    }

    [Fact]
    public async Task PatchTarget_WithReadOnlyField_Returns400NamingIt()
    {
        var id = await _client.CreateTargetAsync();

        var response = await _client.PatchJsonAsync($"/api/v1/targets/{id}", """{"id":"tgt_other"}""");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "id");
    }
}
