using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Theory]
    [InlineData(200, new int[0], ErrorClass.None, false)]
    [InlineData(204, new int[0], ErrorClass.None, false)]
    [InlineData(202, new[] { 202 }, ErrorClass.None, false)]
    [InlineData(404, new[] { 200, 404 }, ErrorClass.None, false)]
    [InlineData(200, new[] { 202 }, ErrorClass.Unknown, false)]
    [InlineData(302, new int[0], ErrorClass.Unknown, false)]
    [InlineData(404, new int[0], ErrorClass.Http4xx, false)]
    [InlineData(408, new int[0], ErrorClass.Http4xx, true)]
    [InlineData(503, new int[0], ErrorClass.Http5xx, true)]
    [InlineData(500, new[] { 200 }, ErrorClass.Http5xx, true)]
    public async Task Enqueue_Status_IsClassified(int status, int[] successCodes, ErrorClass expected, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        var target = DispatchRequests.Target(server.Url("/"), successCodes: [.. successCodes]);

        dispatcher.Enqueue(DispatchRequests.For(target));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(status, outcome.Attempt.StatusCode);
        Assert.Equal(expected, outcome.Attempt.ErrorClass);
        Assert.Equal(retryable, outcome.Retryable);
    }

    [Fact]
    public async Task Enqueue_TooManyRequestsWithRetryAfter_IsRetryableAfterTheDelay()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "120";
            return context.Response.WriteAsync("slow down");
        });
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Http4xx, outcome.Attempt.ErrorClass);
        Assert.True(outcome.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Equal("slow down", outcome.Attempt.ResponseBody);
        Assert.Equal("HTTP 429 Too Many Requests", outcome.Attempt.ErrorMessage);
    }

    [Fact]
    public async Task Enqueue_HangingEndpoint_TimesOut()
    {
        await using var server = await LoopbackServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"), timeoutSeconds: 1)));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Timeout, outcome.Attempt.ErrorClass);
        Assert.Null(outcome.Attempt.StatusCode);
        Assert.True(outcome.Retryable);
        Assert.InRange(outcome.Attempt.DurationMs, 900, 10_000);
    }

    [Fact]
    public async Task Enqueue_ClosedPort_IsConnectionFailure()
    {
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target($"http://127.0.0.1:{ClosedPort()}/")));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Connection, outcome.Attempt.ErrorClass);
        Assert.True(outcome.Retryable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Enqueue_UnresolvableName_IsDnsFailure(bool allowPrivate)
    {
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = allowPrivate });

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target("http://no-such-host.invalid/hook")));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Dns, outcome.Attempt.ErrorClass);
        Assert.True(outcome.Retryable);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Enqueue_LoopbackWhenPrivateNotAllowed_IsBlockedAndNeverSent(string host)
    {
        await using var server = await LoopbackServer.StartAsync();
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = false });

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target($"http://{host}:{server.BaseAddress.Port}/")));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Blocked, outcome.Attempt.ErrorClass);
        Assert.False(outcome.Retryable);
        Assert.Contains("not allowed", outcome.Attempt.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Enqueue_LongBody_CapturesOnlyTheHead()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync(new string('a', 10_000) + "end"));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, ResponseBodyCaptureBytes = 16 });

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.None, outcome.Attempt.ErrorClass);
        Assert.Equal(10_003, outcome.Attempt.ResponseSize);
        Assert.Equal(new string('a', 16), outcome.Attempt.ResponseBody);
    }

    [Fact]
    public async Task Enqueue_BodyPastLimit_IsResponseTooLarge()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var chunk = new byte[4096];
            for (var i = 0; i < 256 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxResponseBytes = 10_000 });

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.ResponseTooLarge, outcome.Attempt.ErrorClass);
        Assert.Equal(200, outcome.Attempt.StatusCode);
        Assert.True(outcome.Attempt.ResponseSize > 10_000);
        Assert.False(outcome.Retryable);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
