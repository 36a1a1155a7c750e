using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HdrHistogram;
using OrleansCron.Bench.Analysis;

namespace OrleansCron.Bench.Api;

/// <summary>The service's public REST API, spoken as JSON, with each call's latency recorded.</summary>
public sealed class ServiceApi : IDisposable
{
    private readonly HttpClient _client;

    public ServiceApi(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static string Instant(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async Task<string> CreateTargetAsync(string url, CancellationToken cancellationToken = default)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/v1/targets", new JsonObject { ["name"] = "bench-sink", ["url"] = url, ["method"] = "GET" }, cancellationToken);
        return created["id"]!.GetValue<string>();
    }

    public async Task<string> CreateScheduleAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/v1/schedules", body, cancellationToken);
        return created["id"]!.GetValue<string>();
    }

    public Task PatchScheduleAsync(string id, JsonObject patch, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"/api/v1/schedules/{id}", patch, cancellationToken);

    /// <summary>
    /// Creates <paramref name="count"/> schedules with at most <paramref name="concurrency"/> requests in flight;
    /// returns their ids in index order and each call's latency (µs).
    /// </summary>
    public async Task<(string[] Ids, LongHistogram Latency)> CreateSchedulesAsync(
        int count, Func<int, JsonObject> body, int concurrency, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = new string[count];
        var latency = Histograms.Create();
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(1, count))).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                ids[index] = await CreateScheduleAsync(body(index), cancellationToken);
                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                lock (latency)
                {
                    latency.RecordValue(Math.Max(1, micros));
                }

                var finished = Interlocked.Increment(ref done);
                if (finished % 10_000 == 0)
                {
                    progress?.Invoke(finished);
                }
            }
        });
        await Task.WhenAll(workers);
        return (ids, latency);
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        // A few tries on transport errors only: under heavy load a connection may be refused for a moment; an API
        // error (4xx/5xx) is a finding and fails the run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
                using var response = await _client.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new ApiRefusedException(method, path, response.StatusCode, text);
                }

                return JsonNode.Parse(text)!.AsObject();
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
