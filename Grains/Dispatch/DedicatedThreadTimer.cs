using System.Diagnostics;

namespace OrleansCron.Dispatch;

/// <summary>
/// A timer with a thread of its own: the thread sleeps until the due time and runs the callback itself. The runtime's
/// timers wake one shared timer thread that queues each callback to the thread pool, where on a busy machine it waits
/// behind grain turns, sends and replies; a thread that mostly sleeps is run as soon as it wakes. Used for the
/// dispatcher's single hold timer (scenario 1, 1,000 fires/s on 2 cores: lateness p50 2.5 to 0.9 ms, docs/benchmarks.md);
/// one thread per timer, so not for many timers. Due times count on the monotonic clock and are rounded up to whole
/// milliseconds, so the callback never runs early. One-shot: a period other than infinite is not supported.
/// </summary>
internal sealed class DedicatedThreadTimer : ITimer
{
    private readonly object _gate = new(); // Monitor.Wait and Pulse need a monitor, not a Lock.
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly Thread _thread;
    private long _dueTimestamp = long.MaxValue;
    private bool _disposed;

    public DedicatedThreadTimer(TimerCallback callback, object? state, string threadName)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callback = callback;
        _state = state;
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };

        // No execution context flows to the thread: the callback runs clean, as a runtime timer's would.
        _thread.UnsafeStart();
    }

    /// <summary>Whether the thread is still running (it ends soon after <see cref="Dispose"/>).</summary>
    internal bool IsRunning => _thread.IsAlive;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan)
        {
            throw new NotSupportedException("A dedicated thread timer is one-shot.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _dueTimestamp = dueTime == Timeout.InfiniteTimeSpan
                ? long.MaxValue
                : Stopwatch.GetTimestamp() + (long)Math.Ceiling(dueTime.TotalSeconds * Stopwatch.Frequency);
            Monitor.Pulse(_gate);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Run()
    {
        while (WaitUntilDue())
        {
            _callback(_state);
        }
    }

    // False once disposed. A change wakes the wait, which then measures again.
    private bool WaitUntilDue()
    {
        lock (_gate)
        {
            while (!_disposed)
            {
                if (_dueTimestamp == long.MaxValue)
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var remaining = _dueTimestamp - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    _dueTimestamp = long.MaxValue;
                    return true;
                }

                var milliseconds = Math.Ceiling(remaining * 1000d / Stopwatch.Frequency);
                Monitor.Wait(_gate, (int)Math.Min(milliseconds, int.MaxValue - 1));
            }

            return false;
        }
    }
}
