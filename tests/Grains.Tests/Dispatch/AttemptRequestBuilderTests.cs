using System.Collections.Immutable;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class AttemptRequestBuilderTests
{
    [Theory]
    [InlineData("{\"a\":1}", "application/json")]
    [InlineData("  [1,2]", "application/json")]
    [InlineData("hello", "text/plain")]
    public void Build_BodyWithoutContentType_InfersMediaType(string body, string expected)
    {
        var request = DispatchRequests.For(DispatchRequests.Target("http://example.test/", body: body));

        using var message = AttemptRequestBuilder.Build(request);

        Assert.Equal(expected, message.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Build_TargetContentType_GoesOnContentAndWins()
    {
        var headers = ImmutableDictionary<string, string>.Empty.Add("content-type", "application/xml");
        var request = DispatchRequests.For(DispatchRequests.Target("http://example.test/", body: "<run id=\"{{run_id}}\"/>", headers: headers));

        using var message = AttemptRequestBuilder.Build(request);

        Assert.Equal("application/xml", message.Content!.Headers.ContentType!.ToString());
        Assert.Equal("<run id=\"run-1\"/>", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Build_TargetHeaders_AreRenderedAndOursOverrideTheirs()
    {
        var headers = ImmutableDictionary<string, string>.Empty
            .Add("X-Run", "{{run_id}}#{{attempt}}")
            .Add("idempotency-key", "forged")
            .Add("OrleansCron-Attempt", "99")
            .Add("User-Agent", "curl/8");
        var request = DispatchRequests.For(DispatchRequests.Target("http://example.test/", method: "GET", headers: headers), attempt: 2);

        using var message = AttemptRequestBuilder.Build(request);

        Assert.Equal(HttpMethod.Get, message.Method);
        Assert.Equal("run-1#2", Single(message, "X-Run"));
        Assert.Equal("sched-1:7", Single(message, "Idempotency-Key"));
        Assert.Equal("2", Single(message, "OrleansCron-Attempt"));
        Assert.Equal("OrleansCron/1.0", Single(message, "User-Agent"));
        Assert.Equal("2026-11-23T05:00:00.000Z", Single(message, "OrleansCron-Scheduled-At"));
        Assert.Null(message.Content);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.test/")]
    [InlineData("/relative")]
    public void Build_BadUrl_ThrowsInvalidTarget(string url)
    {
        var request = DispatchRequests.For(DispatchRequests.Target(url));

        Assert.Throws<InvalidTargetException>(() => AttemptRequestBuilder.Build(request));
    }

    [Fact]
    public void Build_BadMethod_ThrowsInvalidTarget()
    {
        var request = DispatchRequests.For(DispatchRequests.Target("http://example.test/", method: "GE T"));

        Assert.Throws<InvalidTargetException>(() => AttemptRequestBuilder.Build(request));
    }

    private static string Single(HttpRequestMessage message, string name) =>
        Assert.Single(message.Headers.NonValidated[name]);
}
