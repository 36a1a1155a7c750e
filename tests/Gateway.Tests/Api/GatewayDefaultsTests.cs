using System.Net;

namespace OrleansCron.Tests.Api;

public sealed class GatewayDefaultsTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithWorkingGrains_Returns200(string url)
    {
        using var factory = new FakeApiFactory();

        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApiInSnakeCase()
    {
        using var factory = new FakeApiFactory();

        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/schedules/{id}/trigger", out _));
        Assert.True(paths.TryGetProperty("/api/v1/runs", out _));
        var schedule = document.GetProperty("components").GetProperty("schemas").GetProperty("ScheduleResponse");
        Assert.True(schedule.GetProperty("properties").TryGetProperty("next_fire_at", out _));
    }

    [Fact]
    public async Task Docs_Page_ServesScalar()
    {
        using var factory = new FakeApiFactory();

        var response = await factory.CreateClient().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var factory = new FakeApiFactory();

        var response = await factory.CreateClient().GetAsync("/api/v1/nothing-here");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cors_WithConfiguredOrigin_AllowsThatOriginOnly()
    {
        using var factory = new FakeApiFactory(new() { ["OrleansCron:Cors:AllowedOrigins:0"] = "https://ui.example" });
        var client = factory.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://ui.example"));
        var refused = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://ui.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_WithoutConfiguredOrigins_SendsNoCorsHeaders()
    {
        using var factory = new FakeApiFactory();

        var response = await factory.CreateClient().SendAsync(Preflight("https://ui.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/schedules");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }
}
