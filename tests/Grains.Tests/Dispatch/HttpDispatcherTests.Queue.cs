using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Fact]
    public async Task Enqueue_NotBeforeInTheFuture_ArrivesNoEarlier()
    {
        await using var server = await LoopbackServer.StartAsync();
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        var notBefore = TimeProvider.System.GetUtcNow().AddMilliseconds(300);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/")), notBefore: notBefore));
        var (_, outcome) = await reporter.NextAsync();

        Assert.Equal(ErrorClass.None, outcome.Attempt.ErrorClass);
        Assert.True(outcome.Attempt.StartedAt >= notBefore, $"sent at {outcome.Attempt.StartedAt:O}, not before {notBefore:O}");
        Assert.True(server.Requests[0].ArrivedAt >= notBefore);
    }

    [Fact]
    public async Task Enqueue_NotBeforeOnFakeClock_HeldUntilTheInstant()
    {
        await using var server = await LoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt.AddSeconds(-5));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxConcurrency = 1 }, time);
        var held = DispatchRequests.For(DispatchRequests.Target(server.Url("/held")), notBefore: DispatchRequests.ScheduledAt);
        dispatcher.Enqueue(held);
        time.Advance(TimeSpan.FromMilliseconds(4999));

        // One at a time and first in, first out: had the held attempt been released, it would go before the probe.
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/probe"))));
        var (_, probe) = await reporter.NextAsync();
        var pathsBeforeInstant = server.Requests.Select(request => request.Path).ToArray();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var (_, outcome) = await reporter.NextAsync();

        Assert.NotEqual(held.DispatchId, probe.DispatchId);
        Assert.Equal(["/probe"], pathsBeforeInstant);
        Assert.Equal(held.DispatchId, outcome.DispatchId);
        Assert.Equal(DispatchRequests.ScheduledAt, outcome.Attempt.StartedAt);
    }

    [Fact]
    public async Task Enqueue_HeldOutOfOrder_EachReleasedAtItsOwnInstant()
    {
        await using var server = await LoopbackServer.StartAsync();
        var start = DispatchRequests.ScheduledAt.AddSeconds(-5);
        var time = new FakeTimeProvider(start);
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxConcurrency = 1 }, time);

        // The latest first, so the earlier ones must bring the single hold timer forward.
        foreach (var (path, seconds) in new[] { ("/third", 3), ("/first", 1), ("/second", 2) })
        {
            dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url(path)), notBefore: start.AddSeconds(seconds)));
        }

        var sent = new List<(string Path, DateTimeOffset StartedAt)>();
        for (var second = 1; second <= 3; second++)
        {
            time.Advance(TimeSpan.FromMilliseconds(999));
            var early = server.Requests.Count;
            time.Advance(TimeSpan.FromMilliseconds(1));
            var (_, outcome) = await reporter.NextAsync();
            Assert.Equal(second - 1, early);
            sent.Add((server.Requests[^1].Path, outcome.Attempt.StartedAt));
        }

        Assert.Equal(
            [("/first", start.AddSeconds(1)), ("/second", start.AddSeconds(2)), ("/third", start.AddSeconds(3))],
            sent);
    }

    [Fact]
    public async Task Enqueue_ManyHeldAttempts_ShareOneTimer()
    {
        var time = new CountingTimeProvider(DispatchRequests.ScheduledAt.AddMinutes(-1));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, timeProvider: time);

        for (var i = 1; i <= 50; i++)
        {
            dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target("http://127.0.0.1:9/"), notBefore: DispatchRequests.ScheduledAt.AddSeconds(i), occurrence: i));
        }

        Assert.Equal(1, time.TimersCreated);
    }

    [Fact]
    public async Task TryCancel_BeforeNotBefore_SendsNothingAndReportsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt.AddSeconds(-5));
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxConcurrency = 1 }, time);
        var held = DispatchRequests.For(DispatchRequests.Target(server.Url("/cancelled")), notBefore: DispatchRequests.ScheduledAt);
        dispatcher.Enqueue(held);

        var cancelled = dispatcher.TryCancel(held.DispatchId);
        time.Advance(TimeSpan.FromSeconds(10));
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/after"))));
        var (_, outcome) = await reporter.NextAsync();

        Assert.True(cancelled);
        Assert.NotEqual(held.DispatchId, outcome.DispatchId);
        Assert.Equal("/after", Assert.Single(server.Requests).Path);
        Assert.Equal(0, reporter.Count);
        Assert.False(dispatcher.TryCancel(held.DispatchId));
    }

    [Fact]
    public async Task TryCancel_AfterSending_ReturnsFalseAndReports()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task;
        });
        var reporter = new CollectingReporter();
        await using var dispatcher = Create(reporter);
        var request = DispatchRequests.For(DispatchRequests.Target(server.Url("/")));
        dispatcher.Enqueue(request);
        await arrived.Task.WaitAsync(CollectingReporter.Patience);

        var cancelled = dispatcher.TryCancel(request.DispatchId);
        release.SetResult();
        var (_, outcome) = await reporter.NextAsync();

        Assert.False(cancelled);
        Assert.Equal(request.DispatchId, outcome.DispatchId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Enqueue_MoreThanMaxConcurrency_NeverSendsMoreAtOnce(bool releasedTogether)
    {
        const int Total = 6;
        var inFlight = 0;
        var maxInFlight = 0;
        var arrivals = Channel.CreateUnbounded<TaskCompletionSource>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrivals.Writer.TryWrite(release);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
        });
        var reporter = new CollectingReporter();
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt.AddSeconds(-1));
        await using var dispatcher = Create(reporter, new DispatchOptions { AllowPrivateNetworks = true, MaxConcurrency = 2 }, time);

        // Held ones are released by the hold timer, which sends what it can itself and queues the rest.
        DateTimeOffset? notBefore = releasedTogether ? DispatchRequests.ScheduledAt : null;
        for (var i = 0; i < Total; i++)
        {
            dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url($"/{i}")), occurrence: i, notBefore: notBefore));
        }

        time.Advance(TimeSpan.FromSeconds(1));

        var held = new Queue<TaskCompletionSource>();
        for (var released = 0; released < Total; released++)
        {
            // Keep two requests held at the server so that a third would overlap if the bound leaked.
            while (held.Count < Math.Min(2, Total - released))
            {
                held.Enqueue(await arrivals.Reader.ReadAsync().AsTask().WaitAsync(CollectingReporter.Patience));
            }

            held.Dequeue().SetResult();
        }

        for (var i = 0; i < Total; i++)
        {
            await reporter.NextAsync();
        }

        Assert.Equal(2, Volatile.Read(ref maxInFlight));
        Assert.Equal(Total, server.Requests.Count);
    }

    [Fact]
    public async Task DisposeAsync_WithHeldAndHangingAttempts_StopsWithoutReporting()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var reporter = new CollectingReporter();
        var dispatcher = Create(reporter);
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/hang"))));
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/held")), notBefore: TimeProvider.System.GetUtcNow().AddHours(1)));
        await arrived.Task.WaitAsync(CollectingReporter.Patience);

        await dispatcher.DisposeAsync().AsTask().WaitAsync(CollectingReporter.Patience);
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/late"))));

        Assert.Equal(0, reporter.Calls);
        Assert.Equal("/hang", Assert.Single(server.Requests).Path);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timersCreated;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timersCreated);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
