using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Fact]
    public async Task DrainAsync_WithAttemptInFlight_WaitsUntilItIsReported()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await release.Task;
            context.Response.StatusCode = 200;
        });
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/slow"))));

        var drain = dispatcher.DrainAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        var finishedEarly = drain.IsCompleted;
        release.SetResult();
        var drained = await drain;

        Assert.False(finishedEarly);
        Assert.True(drained);
        Assert.Equal(1, reporter.Count);
        var (_, outcome) = await reporter.NextAsync();
        Assert.Equal(ErrorClass.None, outcome.Attempt.ErrorClass);
    }

    [Fact]
    public async Task DrainAsync_WhenAttemptOutlastsTheTimeout_ReturnsFalse()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async _ => await release.Task);
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/stuck"))));

        var drained = await dispatcher.DrainAsync(TimeSpan.FromMilliseconds(200));
        release.SetResult();

        Assert.False(drained);
    }

    [Fact]
    public async Task DrainAsync_WhenIdle_ReturnsTrueAtOnce()
    {
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);

        var drained = await dispatcher.DrainAsync(TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(drained);
    }
}
