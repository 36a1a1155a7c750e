using Microsoft.Extensions.Logging;
using OrleansCron.Metrics;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Each schedule's metrics in a <see cref="StoreDatabase"/>, engine-neutral: saves wait in memory (the latest per key
/// wins) and a background loop writes them all in one transaction every <see cref="FlushInterval"/>, so a thousand
/// schedules firing in a second cost one commit, not a thousand.
/// </summary>
internal sealed partial class MetricsStore : IMetricsStore, IAsyncDisposable
{
    /// <summary>How often queued saves are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private const string UpsertSql = """
        INSERT INTO oc_schedule_metrics (key, payload, updated_at) VALUES (@key, @payload, @updated_at)
        ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at
        """;

    private readonly StoreDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _pendingLock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly PeriodicWork _flush;

    // Key -> payload to write, or null to delete.
    private Dictionary<string, string?> _pending = new(StringComparer.Ordinal);

    // What the flush under way is writing: still the latest for a load until it commits.
    private Dictionary<string, string?> _writing = new(StringComparer.Ordinal);

    public MetricsStore(StoreDatabase database, TimeProvider timeProvider, ILogger<MetricsStore> logger)
    {
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
        _flush = new PeriodicWork(FlushInterval, timeProvider, FlushAsync, ex => LogFlushFailed(_logger, ex));
    }

    /// <summary>Rows written so far (each key counted once per flush).</summary>
    internal long WrittenCount { get; private set; }

    public async Task<string?> LoadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_pendingLock)
        {
            if (_pending.TryGetValue(key, out var queued) || _writing.TryGetValue(key, out queued))
            {
                return queued;
            }
        }

        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = DbCommands.Create(connection, null, "SELECT payload FROM oc_schedule_metrics WHERE key = @key");
            DbCommands.Add(command, "key", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    public void Save(string key, string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        lock (_pendingLock)
        {
            _pending[key] = payload;
        }
    }

    public void Delete(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_pendingLock)
        {
            _pending[key] = null;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_pendingLock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                (_writing, _pending) = (_pending, _writing);
            }

            try
            {
                await WriteAsync(_writing, cancellationToken).ConfigureAwait(false);
                WrittenCount += _writing.Count;
            }
            catch
            {
                // Back in the queue unless a newer value arrived meanwhile; the next flush tries again.
                lock (_pendingLock)
                {
                    foreach (var (key, payload) in _writing)
                    {
                        _pending.TryAdd(key, payload);
                    }
                }

                throw;
            }
            finally
            {
                lock (_pendingLock)
                {
                    _writing.Clear();
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task WriteAsync(Dictionary<string, string?> batch, CancellationToken cancellationToken)
    {
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var updatedAt = StorageValues.ToUnixMs(_timeProvider.GetUtcNow());
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var upsert = DbCommands.Create(connection, transaction, UpsertSql);
                var key = DbCommands.Add(upsert, "key", null);
                var payload = DbCommands.Add(upsert, "payload", null);
                DbCommands.Add(upsert, "updated_at", updatedAt);
                await using var delete = DbCommands.Create(connection, transaction, "DELETE FROM oc_schedule_metrics WHERE key = @key");
                var deleted = DbCommands.Add(delete, "key", null);
                foreach (var (k, value) in batch)
                {
                    if (value is null)
                    {
                        deleted.Value = k;
                        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        key.Value = k;
                        payload.Value = value;
                        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the background flush and writes what is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_flush.IsStopped)
        {
            return;
        }

        await _flush.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing schedule metrics failed; they stay queued for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
