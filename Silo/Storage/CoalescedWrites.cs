namespace OrleansCron.Silo.Storage;

/// <summary>
/// Values waiting to be written, the latest per key, taken out in batches. A batch whose write fails goes back, except
/// where a newer value arrived meanwhile; until its write returns, a batch still answers <see cref="TryGet"/>. Thread
/// safe; batches are taken and written one at a time.
/// <para>A batch holds at most <see cref="MaxBatch"/> values: on SQLite a batch is one transaction, and its writer
/// holds the file's one write turn until it commits. Unbounded, a flush after a burst of 100,000 one-off schedules
/// (each schedule's next fire and metrics changing at once) wrote tens of thousands of rows in one turn, and the run
/// writer, with the burst's claims and outcomes, waited behind it (measured: up to 1.3 s, long enough for a
/// two-second gap in the burst's arrivals).</para>
/// </summary>
internal sealed class CoalescedWrites<TValue>(int maxBatch = CoalescedWrites.DefaultMaxBatch)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Dictionary<string, TValue> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, TValue> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Whether nothing waits (a batch being written does not count).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count == 0;
            }
        }
    }

    /// <summary>Values written so far (each key counted once per batch).</summary>
    public long WrittenCount { get; private set; }

    /// <summary>The most values one batch holds.</summary>
    public int MaxBatch { get; } = maxBatch >= 1 ? maxBatch : throw new ArgumentOutOfRangeException(nameof(maxBatch));

    public void Set(string key, TValue value)
    {
        lock (_lock)
        {
            _pending[key] = value;
        }
    }

    /// <summary>Drops the waiting value of <paramref name="key"/> (a newer write of it is about to be made).</summary>
    public void Drop(string key)
    {
        lock (_lock)
        {
            _pending.Remove(key);
        }
    }

    /// <summary>The latest value of <paramref name="key"/> not yet known to be written.</summary>
    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(key, out value!) || _inFlight.TryGetValue(key, out value!);
        }
    }

    /// <summary>Writes what waits now, one batch of at most <see cref="MaxBatch"/> after another (values set meanwhile
    /// may ride along; it stops once as many as waited at the start are written, or at the first failure). With
    /// <paramref name="eachBatchUnder"/>, each batch is taken and written while holding it, and it is let go between
    /// batches.</summary>
    public async Task FlushAsync(
        Func<IReadOnlyDictionary<string, TValue>, CancellationToken, Task> write, CancellationToken cancellationToken, SemaphoreSlim? eachBatchUnder = null)
    {
        int left;
        lock (_lock)
        {
            left = _pending.Count;
        }

        while (left > 0)
        {
            if (eachBatchUnder is not null)
            {
                await eachBatchUnder.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var written = await FlushBatchAsync(write, cancellationToken).ConfigureAwait(false);
                if (written == 0)
                {
                    return;
                }

                left -= written;
            }
            finally
            {
                eachBatchUnder?.Release();
            }
        }
    }

    // Takes up to MaxBatch waiting values and hands them to write as one batch; how many it wrote (0: none waited).
    private async Task<int> FlushBatchAsync(Func<IReadOnlyDictionary<string, TValue>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!TakeBatch())
            {
                return 0;
            }

            try
            {
                await write(_inFlight, cancellationToken).ConfigureAwait(false);
                WrittenCount += _inFlight.Count;
                return _inFlight.Count;
            }
            catch
            {
                lock (_lock)
                {
                    foreach (var (key, value) in _inFlight)
                    {
                        _pending.TryAdd(key, value);
                    }
                }

                throw;
            }
            finally
            {
                lock (_lock)
                {
                    _inFlight.Clear();
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    // Moves up to MaxBatch waiting values into the batch in flight (which is empty); false when none waited.
    private bool TakeBatch()
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            if (_pending.Count <= MaxBatch)
            {
                (_inFlight, _pending) = (_pending, _inFlight);
                return true;
            }

            foreach (var (key, value) in _pending)
            {
                _inFlight.Add(key, value);
                if (_inFlight.Count == MaxBatch)
                {
                    break;
                }
            }

            foreach (var key in _inFlight.Keys)
            {
                _pending.Remove(key);
            }

            return true;
        }
    }
}

/// <summary>The default size of a <see cref="CoalescedWrites{TValue}"/> batch.</summary>
internal static class CoalescedWrites
{
    /// <summary>At most this many rows per transaction: a few milliseconds of the write turn on SQLite.</summary>
    public const int DefaultMaxBatch = 250;
}
