namespace OrleansCron.Silo.Storage;

internal abstract partial class CatalogStore
{
    /// <summary>How often coalesced next-fire values are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _pendingLock = new();
    private readonly SemaphoreSlim _scheduleWrites = new(1, 1);
    private readonly PeriodicWork _flush;
    private Dictionary<string, DateTimeOffset?> _pendingNextFire = new(StringComparer.Ordinal);

    /// <summary>Next-fire values written so far by flushes (each schedule counted once per flush).</summary>
    internal long FlushedNextFireCount { get; private set; }

    public void SetNextFireAt(string scheduleId, DateTimeOffset? nextFireAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        lock (_pendingLock)
        {
            _pendingNextFire[scheduleId] = nextFireAt;
        }
    }

    /// <summary>Writes every pending next-fire value in one transaction (the latest per schedule wins).</summary>
    internal async Task FlushNextFireAsync(CancellationToken cancellationToken = default)
    {
        lock (_pendingLock)
        {
            if (_pendingNextFire.Count == 0)
            {
                return;
            }
        }

        await _scheduleWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, DateTimeOffset?> batch;
            lock (_pendingLock)
            {
                batch = _pendingNextFire;
                _pendingNextFire = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await WriteAsync(
                    async (connection, transaction) =>
                    {
                        await using var command = DbCommands.Create(connection, transaction, "UPDATE oc_schedules SET next_fire_at = @next_fire_at WHERE id = @id");
                        var id = DbCommands.Add(command, "id", null);
                        var next = DbCommands.Add(command, "next_fire_at", null);
                        foreach (var (scheduleId, nextFireAt) in batch)
                        {
                            id.Value = scheduleId;
                            next.Value = StorageValues.ToUnixMs(nextFireAt) is { } value ? value : DBNull.Value;
                            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                FlushedNextFireCount += batch.Count;
            }
            catch
            {
                // Put the values back unless a newer one arrived meanwhile, so the next flush retries them.
                lock (_pendingLock)
                {
                    foreach (var (scheduleId, nextFireAt) in batch)
                    {
                        _pendingNextFire.TryAdd(scheduleId, nextFireAt);
                    }
                }

                throw;
            }
        }
        finally
        {
            _scheduleWrites.Release();
        }
    }

    /// <summary>Stops the background flush and writes what is still pending.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_flush.IsStopped)
        {
            return;
        }

        await _flush.DisposeAsync().ConfigureAwait(false);
        await FlushNextFireAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void DropPendingNextFire(string scheduleId)
    {
        lock (_pendingLock)
        {
            _pendingNextFire.Remove(scheduleId);
        }
    }
}
