using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Fact]
    public async Task Enqueue_TwoAttempts_CarryTheSameHeadersExceptAttempt()
    {
        await using var server = await LoopbackServer.StartAsync();
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        var headers = ImmutableDictionary<string, string>.Empty.Add("X-Occurrence", "{{occurrence}}").Add("Idempotency-Key", "forged");
        var target = DispatchRequests.Target(server.Url("/hook"), body: "{\"run\":\"{{run_id}}\"}", headers: headers);

        dispatcher.Enqueue(DispatchRequests.For(target, attempt: 1));
        await reporter.NextAsync();
        dispatcher.Enqueue(DispatchRequests.For(target, attempt: 2));
        await reporter.NextAsync();

        var first = server.Requests[0];
        var second = server.Requests[1];
        Assert.Equal("sched-1:7", first.Headers["Idempotency-Key"]);
        Assert.Equal("sched-1", first.Headers["OrleansCron-Schedule-Id"]);
        Assert.Equal("run-1", first.Headers["OrleansCron-Run-Id"]);
        Assert.Equal("7", first.Headers["OrleansCron-Occurrence"]);
        Assert.Equal("2026-11-23T05:00:00.000Z", first.Headers["OrleansCron-Scheduled-At"]);
        Assert.Equal("OrleansCron/1.0", first.Headers["User-Agent"]);
        Assert.Equal("7", first.Headers["X-Occurrence"]);
        Assert.Equal("application/json; charset=utf-8", first.Headers["Content-Type"]);
        Assert.Equal("{\"run\":\"run-1\"}", first.Body);
        Assert.Equal("1", first.Headers["OrleansCron-Attempt"]);
        Assert.Equal("2", second.Headers["OrleansCron-Attempt"]);
        foreach (var name in new[] { "Idempotency-Key", "OrleansCron-Schedule-Id", "OrleansCron-Run-Id", "OrleansCron-Occurrence", "OrleansCron-Scheduled-At", "User-Agent", "X-Occurrence" })
        {
            Assert.Equal(first.Headers[name], second.Headers[name]);
        }
    }

    [Fact]
    public async Task Enqueue_Success_ReportsRecordOfTheAttempt()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("done"));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        var request = DispatchRequests.For(DispatchRequests.Target(server.Url("/")), attempt: 2);
        var before = TimeProvider.System.GetUtcNow();

        dispatcher.Enqueue(request);
        var (scheduleId, outcome) = await reporter.NextAsync();

        Assert.Equal("sched-1", scheduleId);
        Assert.Equal(request.Occurrence, outcome.Occurrence);
        Assert.Equal(request.DispatchId, outcome.DispatchId);
        Assert.False(outcome.Retryable);
        Assert.Null(outcome.RetryAfter);
        var attempt = outcome.Attempt;
        Assert.Equal(2, attempt.Number);
        Assert.Equal(ErrorClass.None, attempt.ErrorClass);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal(4, attempt.ResponseSize);
        Assert.Equal("done", attempt.ResponseBody);
        Assert.Null(attempt.ErrorMessage);
        Assert.InRange(attempt.StartedAt, before, TimeProvider.System.GetUtcNow());
        Assert.True(attempt.DurationMs > 0);
    }

    [Fact]
    public async Task Enqueue_ReporterFailsTwice_ReportsOnTheThirdTry()
    {
        await using var server = await LoopbackServer.StartAsync();
        var reporter = new CollectingReporter(failFirst: 2);
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.None, outcome.Attempt.ErrorClass);
        Assert.Equal(3, reporter.Calls);
    }

    [Fact]
    public async Task Enqueue_InvalidTarget_ReportsUnknownWithoutSending()
    {
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target("not a url")));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.Unknown, outcome.Attempt.ErrorClass);
        Assert.Null(outcome.Attempt.StatusCode);
        Assert.Contains("not a url", outcome.Attempt.ErrorMessage, StringComparison.Ordinal);
    }

    private static HttpDispatcher Create(IAttemptReporter reporter, DispatchOptions? options = null, TimeProvider? timeProvider = null) =>
        new(
            Options.Create(options ?? new DispatchOptions { AllowPrivateNetworks = true }),
            reporter,
            timeProvider ?? TimeProvider.System,
            NullLogger<HttpDispatcher>.Instance);
}
