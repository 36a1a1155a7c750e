using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Tests;

/// <summary>The sink hands over what it recorded; a caller that fetches again gets only what came since.</summary>
[Collection(BenchCollection.Name)]
public sealed class SinkHostTests
{
    [Fact]
    public async Task FetchSinceAsync_AfterTheTotalOfTheLastFetch_ReturnsOnlyWhatCameSince()
    {
        var work = Directory.CreateTempSubdirectory("oc-bench-test-").FullName;
        await using var sink = await SinkHost.StartAsync(work);
        using var client = new HttpClient();
        await SendAsync(client, sink, "s", "a:1");
        await SendAsync(client, sink, "f", "b:1");
        await SendAsync(client, sink, "s", "a:2");

        var (first, total) = await sink.FetchSinceAsync("s", 0);
        await SendAsync(client, sink, "s", "a:3");
        await SendAsync(client, sink, "f", "b:2");
        var (second, newTotal) = await sink.FetchSinceAsync("s", total);
        var all = await sink.FetchAsync("s");

        Assert.Equal(["a:1", "a:2"], first.Select(r => r.Key));
        Assert.Equal(3, total);
        Assert.Equal(["a:3"], second.Select(r => r.Key));
        Assert.Equal(5, newTotal);
        Assert.Equal(["a:1", "a:2", "a:3"], all.Select(r => r.Key));
    }

    private static async Task SendAsync(HttpClient client, SinkHost sink, string source, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url(source));
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
