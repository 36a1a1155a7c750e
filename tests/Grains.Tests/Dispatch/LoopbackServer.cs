using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Tests.Dispatch;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port that records every request it receives.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests;

    private LoopbackServer(WebApplication app, ConcurrentQueue<ReceivedRequest> requests, Uri baseAddress)
    {
        _app = app;
        _requests = requests;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Starts a server whose every request is answered by <paramref name="respond"/> (default: 200 "ok").</summary>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new ConcurrentQueue<ReceivedRequest>();
        app.Run(async context =>
        {
            requests.Enqueue(await ReceivedRequest.ReadAsync(context.Request));
            await (respond ?? (static c => c.Response.WriteAsync("ok")))(context);
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        return new LoopbackServer(app, requests, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
