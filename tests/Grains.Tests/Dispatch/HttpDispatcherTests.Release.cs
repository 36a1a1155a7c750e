using Microsoft.Extensions.Time.Testing;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Fact]
    public async Task Release_WithASlotFree_StartsTheSendBeforeTheTimerReturns()
    {
        await using var server = await LoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt.AddSeconds(-5));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, timeProvider: time);
        var held = DispatchRequests.For(DispatchRequests.Target(server.Url("/held")), notBefore: DispatchRequests.ScheduledAt);
        dispatcher.Enqueue(held);

        // The fake clock runs the hold timer's callback inside Advance: a queued attempt could still be cancelled.
        time.Advance(TimeSpan.FromSeconds(5));
        var cancelled = dispatcher.TryCancel(held.DispatchId);
        var (_, outcome) = await reporter.NextAsync();

        Assert.False(cancelled);
        Assert.Equal(held.DispatchId, outcome.DispatchId);
        Assert.Equal("/held", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Release_WithNoSlotFree_QueuesTheAttempt()
    {
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            busy.TrySetResult();
            await finish.Task;
        });
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt.AddSeconds(-5));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxConcurrency = 1 }, time);
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/busy"))));
        await busy.Task.WaitAsync(CollectingReporter.Patience);
        var held = DispatchRequests.For(DispatchRequests.Target(server.Url("/held")), notBefore: DispatchRequests.ScheduledAt);
        dispatcher.Enqueue(held);

        time.Advance(TimeSpan.FromSeconds(5));
        var cancelled = dispatcher.TryCancel(held.DispatchId);
        finish.SetResult();
        var (_, outcome) = await reporter.NextAsync();
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/after"))));
        await reporter.NextAsync();

        Assert.True(cancelled);
        Assert.NotEqual(held.DispatchId, outcome.DispatchId);
        Assert.Equal(["/busy", "/after"], server.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task HoldTimer_HasAThreadOfItsOwnOnTheSystemClockOnly()
    {
        var reporter = new CollectingReporter();
        await using var onSystemClock = Create(reporter);
        await using var onFakeClock = Create(reporter, timeProvider: new FakeTimeProvider());

        Assert.True(onSystemClock.HoldTimerHasOwnThread);
        Assert.False(onFakeClock.HoldTimerHasOwnThread);
    }
}
