using System.Diagnostics.Metrics;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// This process's writers to the SQLite file take turns here before they reach for the file's one write lock. A
/// writer that meets SQLite's lock taken can only wait inside the statement, on its thread (see
/// <see cref="SqliteBusyWait"/>): measured while creating schedules, four thread-pool threads at once sat in that
/// wait, each a grain-state write behind another writer, on a machine with two cores. Waiting for a turn instead
/// holds no thread. Turns go in arrival order, except for the run writer, whose one batch carries every claim and
/// outcome waiting at the time (the fire path): it waits at most <see cref="FirePathPatience"/> while others go first.
/// Served strictly in order, it waited behind 300,000 bookkeeping writes after a burst of 100,000 one-off schedules
/// (each completing: state, reminder, catalog) and a fifth of the burst was not sent within two minutes (measured);
/// served always first, every other writer would get one turn per run batch, a few hundred a second under load.
/// Another process (or this one's checkpointer) can still hold the lock; then the writer whose turn it is waits in
/// the busy handler as before. Its queues can be watched live, without a restart, on the storage meter
/// (<see cref="StoreDatabase.MeterName"/>).
/// </summary>
internal sealed class SqliteWriteGate : IDisposable
{
    /// <summary>How long the run writer lets other waiting writers go first: once it has waited this long, it is
    /// next when the turn is passed on (it still waits for the writer that has the turn then).</summary>
    public static readonly TimeSpan FirePathPatience = TimeSpan.FromMilliseconds(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Queue<(TaskCompletionSource<IDisposable> Waiter, long Since)> _firePath = new();
    private readonly Queue<(TaskCompletionSource<IDisposable> Waiter, long Since)> _others = new();
    private bool _taken;
    private long _waited;

    public SqliteWriteGate(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Meter.CreateObservableGauge("orleanscron.sqlite.write_gate.waiting", MeasureWaiting, "{writer}", "Writers waiting for their turn (a waiter that gave up counts until it is passed over).");
        Meter.CreateObservableGauge("orleanscron.sqlite.write_gate.longest_wait", MeasureLongestWait, "ms", "How long the writer waiting longest has waited so far.");
        Meter.CreateObservableCounter("orleanscron.sqlite.write_gate.waited", () => Waited, "{turn}", "Turns that had to wait for another writer.");
    }

    /// <summary>This gate's instruments, on the storage meter (one meter object per gate, so that each database's
    /// gate is told apart): writers waiting now, by kind; how long the one waiting longest has waited; turns that had
    /// to wait, in all.</summary>
    public Meter Meter { get; } = new(StoreDatabase.MeterName);

    /// <summary>Turns that had to wait for another writer (for tests and diagnostics).</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>Waits, without holding a thread, until it is this writer's turn; disposing the turn passes it on.
    /// <paramref name="firePath"/>: the run writer's turn, which waits at most <see cref="FirePathPatience"/>.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken, bool firePath = false)
    {
        if (TakeOrQueue(firePath) is not { } waiter)
        {
            return new Turn(this);
        }

        // A cancelled waiter stays in its queue; the release skips it (its TrySetResult fails).
        using (cancellationToken.Register(static w => ((TaskCompletionSource<IDisposable>)w!).TrySetCanceled(), waiter))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The same for a synchronous caller, which blocks its thread while it waits (on the turn itself, so
    /// that no other thread-pool thread is needed to wake it).</summary>
    public IDisposable Enter() => TakeOrQueue(firePath: false) is { } waiter ? waiter.Task.GetAwaiter().GetResult() : new Turn(this);

    // Null when the turn was free and is now the caller's; else the caller's place in its queue.
    private TaskCompletionSource<IDisposable>? TakeOrQueue(bool firePath)
    {
        lock (_lock)
        {
            if (!_taken)
            {
                _taken = true;
                return null;
            }

            Interlocked.Increment(ref _waited);
            var waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (firePath)
            {
                _firePath.Enqueue((waiter, _time.GetTimestamp()));
            }
            else
            {
                _others.Enqueue((waiter, _time.GetTimestamp()));
            }

            return waiter;
        }
    }

    private void PassOn()
    {
        lock (_lock)
        {
            while (Next() is { } next)
            {
                if (next.TrySetResult(new Turn(this)))
                {
                    return;
                }
            }

            _taken = false;
        }
    }

    // Called under the lock: the run writer once it has waited long enough (or no one else waits), else the longest
    // waiting of the others.
    private TaskCompletionSource<IDisposable>? Next()
    {
        if (_firePath.TryPeek(out var runs) && (_others.Count == 0 || _time.GetElapsedTime(runs.Since) >= FirePathPatience))
        {
            return _firePath.Dequeue().Waiter;
        }

        return _others.TryDequeue(out var other) ? other.Waiter : _firePath.TryDequeue(out runs) ? runs.Waiter : null;
    }

    private Measurement<int>[] MeasureWaiting()
    {
        lock (_lock)
        {
            return
            [
                new(_firePath.Count, new KeyValuePair<string, object?>("writer", "fire_path")),
                new(_others.Count, new KeyValuePair<string, object?>("writer", "other")),
            ];
        }
    }

    private double MeasureLongestWait()
    {
        lock (_lock)
        {
            var since = long.MaxValue;
            if (_firePath.TryPeek(out var runs))
            {
                since = runs.Since;
            }

            if (_others.TryPeek(out var other) && other.Since < since)
            {
                since = other.Since;
            }

            return since == long.MaxValue ? 0 : _time.GetElapsedTime(since).TotalMilliseconds;
        }
    }

    public void Dispose() => Meter.Dispose();

    private sealed class Turn(SqliteWriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.PassOn();
            }
        }
    }
}
