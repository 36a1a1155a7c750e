using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback that stores every request with its OrleansCron headers. Paths decide the
/// answer: <c>/ok</c> 200, <c>/status/{code}</c> that status, <c>/flaky/{n}</c> 503 for the first n attempts
/// of each occurrence then 200, <c>/slow/{ms}</c> 200 after that many milliseconds, <c>/hang</c> never answers
/// within a test's patience.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Waits until <paramref name="condition"/> holds over the recorded requests, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = Requests;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; {snapshot.Count} request(s) recorded.");
            }

            await Task.Delay(100);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var recorded = new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            DateTimeOffset.UtcNow,
            Header(request, "Idempotency-Key"),
            Header(request, "OrleansCron-Schedule-Id"),
            Header(request, "OrleansCron-Run-Id"),
            long.TryParse(Header(request, "OrleansCron-Occurrence"), CultureInfo.InvariantCulture, out var occurrence) ? occurrence : null,
            DateTimeOffset.TryParse(Header(request, "OrleansCron-Scheduled-At"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            int.TryParse(Header(request, "OrleansCron-Attempt"), CultureInfo.InvariantCulture, out var attempt) ? attempt : null,
            body,
            Header(request, "Authorization"));
        _requests.Enqueue(recorded);
        context.Response.StatusCode = Answer(recorded);
        if (recorded.Path.StartsWith("/slow/", StringComparison.Ordinal)
            && int.TryParse(recorded.Path.AsSpan("/slow/".Length), CultureInfo.InvariantCulture, out var delayMs))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delayMs), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (recorded.Path == "/hang")
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static int Answer(RecordedRequest request)
    {
        var parts = request.Path.Trim('/').Split('/');
        return parts switch
        {
            ["status", var code] when int.TryParse(code, CultureInfo.InvariantCulture, out var status) => status,
            ["flaky", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var failures) => request.Attempt <= failures ? 503 : 200,
            _ => 200,
        };
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
