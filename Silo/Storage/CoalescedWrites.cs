namespace OrleansCron.Silo.Storage;

/// <summary>
/// Values waiting to be written, the latest per key, taken out in batches. A batch whose write fails goes back, except
/// where a newer value arrived meanwhile; until its write returns, a batch still answers <see cref="TryGet"/>. Thread
/// safe; batches are taken and written one at a time.
/// </summary>
internal sealed class CoalescedWrites<TValue>
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

    /// <summary>Takes every waiting value and hands them to <paramref name="write"/> as one batch.</summary>
    public async Task FlushAsync(Func<IReadOnlyDictionary<string, TValue>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                (_inFlight, _pending) = (_pending, _inFlight);
            }

            try
            {
                await write(_inFlight, cancellationToken).ConfigureAwait(false);
                WrittenCount += _inFlight.Count;
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
}
