using System.Diagnostics;
using System.Threading.Channels;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class DedicatedThreadTimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Change_RunsTheCallbackOnceOnItsOwnThread_NotBeforeTheDueTime()
    {
        var calls = Channel.CreateUnbounded<(long At, string? Thread, bool Pooled)>();
        using var timer = new DedicatedThreadTimer(
            _ => calls.Writer.TryWrite((Stopwatch.GetTimestamp(), Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)),
            null,
            "timer under test");
        var armedAt = Stopwatch.GetTimestamp();

        timer.Change(TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        var call = await calls.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        await Task.Delay(200);

        Assert.True(Stopwatch.GetElapsedTime(armedAt, call.At) >= TimeSpan.FromMilliseconds(50), $"ran after {Stopwatch.GetElapsedTime(armedAt, call.At)}");
        Assert.Equal("timer under test", call.Thread);
        Assert.False(call.Pooled);
        Assert.False(calls.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Change_ToAnEarlierTime_WakesTheWait()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = new DedicatedThreadTimer(_ => called.TrySetResult(), null, "timer under test");
        timer.Change(TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        await Task.Delay(50);

        timer.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        await called.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Change_ToInfinite_CancelsTheCallback()
    {
        var calls = 0;
        using var timer = new DedicatedThreadTimer(_ => Interlocked.Increment(ref calls), null, "timer under test");
        timer.Change(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await Task.Delay(400);

        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Callback_ArmingTheTimerAgain_RunsAgain()
    {
        var calls = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DedicatedThreadTimer? timer = null;
        using (timer = new DedicatedThreadTimer(
            _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    timer!.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
                }
                else
                {
                    second.TrySetResult();
                }
            },
            null,
            "timer under test"))
        {
            timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            await second.Task.WaitAsync(Patience);
        }

        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Dispose_EndsTheThread_AndLaterChangesDoNothing()
    {
        var calls = 0;
        var timer = new DedicatedThreadTimer(_ => Interlocked.Increment(ref calls), null, "timer under test");
        timer.Change(TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        await timer.DisposeAsync();
        var changed = timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        var waitStarted = Stopwatch.GetTimestamp();
        while (timer.IsRunning && Stopwatch.GetElapsedTime(waitStarted) < Patience)
        {
            await Task.Delay(10);
        }

        Assert.False(changed);
        Assert.False(timer.IsRunning);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public void Change_WithAPeriod_IsNotSupported()
    {
        using var timer = new DedicatedThreadTimer(_ => { }, null, "timer under test");

        Assert.Throws<NotSupportedException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }
}
