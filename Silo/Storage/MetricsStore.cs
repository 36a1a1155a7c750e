using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansCron.Metrics;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Each schedule's metrics in a <see cref="StoreDatabase"/>, engine-neutral: saves wait in memory (the latest per key
/// wins) and a background loop writes them every <see cref="FlushInterval"/>, a few hundred per transaction
/// (<see cref="CoalescedWrites.DefaultMaxBatch"/>), so a thousand schedules firing in a second cost a few commits, not
/// a thousand.
/// </summary>
internal sealed partial class MetricsStore : IMetricsStore, IAsyncDisposable
{
    /// <summary>How often queued saves are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private const string UpsertSql = """
        INSERT INTO oc_schedule_metrics (key, payload, updated_at) VALUES (@key, @payload, @updated_at)
        ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at
        """;

    private const string DeleteSql = "DELETE FROM oc_schedule_metrics WHERE key = @key";

    private readonly StoreDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PeriodicWork _flush;

    // Key -> payload to write, or null to delete.
    private readonly CoalescedWrites<string?> _writes = new();

    public MetricsStore(StoreDatabase database, TimeProvider timeProvider, ILogger<MetricsStore> logger)
    {
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
        _flush = new PeriodicWork(FlushInterval, timeProvider, FlushAsync, ex => LogFlushFailed(_logger, ex));
    }

    /// <summary>Rows written so far (each key counted once per flush).</summary>
    internal long WrittenCount => _writes.WrittenCount;

    public async Task<string?> LoadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_writes.TryGet(key, out var queued))
        {
            return queued;
        }

        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = DbCommands.Create(connection, null, "SELECT payload FROM oc_schedule_metrics WHERE key = @key");
            DbCommands.Add(command, "@key", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    public void Save(string key, string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        _writes.Set(key, payload);
    }

    public void Delete(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _writes.Set(key, null);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _writes.FlushAsync(WriteAsync, cancellationToken);

    private async Task WriteAsync(IReadOnlyDictionary<string, string?> batch, CancellationToken cancellationToken)
    {
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var updatedAt = StorageValues.ToUnixMs(_timeProvider.GetUtcNow());
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var write = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (write.ConfigureAwait(false))
            {
                if (connection is SqliteConnection sqlite)
                {
                    WriteOneByOne(sqlite, batch, updatedAt);
                }
                else
                {
                    await WriteCommandsAsync(connection, write.Transaction, batch, updatedAt, cancellationToken).ConfigureAwait(false);
                }

                await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteCommandsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyDictionary<string, string?> batch, long updatedAt, CancellationToken cancellationToken)
    {
        await using var upsert = DbCommands.Create(connection, transaction, UpsertSql);
        var key = DbCommands.Add(upsert, "@key", null);
        var payload = DbCommands.Add(upsert, "@payload", null);
        DbCommands.Add(upsert, "@updated_at", updatedAt);
        await using var delete = DbCommands.Create(connection, transaction, DeleteSql);
        var deleted = DbCommands.Add(delete, "@key", null);
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
    }

    // SQLite: the same rows through statements bound directly (a metrics row is written per sent run: through
    // SqliteCommand each made a binder per parameter, a reader and a UTF-8 copy of the payload).
    private static void WriteOneByOne(SqliteConnection connection, IReadOnlyDictionary<string, string?> batch, long updatedAt)
    {
        using var upsert = new SqlitePreparedStatement(connection, UpsertSql);
        using var delete = new SqlitePreparedStatement(connection, DeleteSql);
        int key = upsert.Parameter("@key"), payload = upsert.Parameter("@payload"), deleted = delete.Parameter("@key");
        upsert.Number(upsert.Parameter("@updated_at"), updatedAt);
        foreach (var (k, value) in batch)
        {
            if (value is null)
            {
                delete.Text(deleted, k);
                delete.Execute();
            }
            else
            {
                upsert.Text(key, k);
                upsert.Text(payload, value);
                upsert.Execute();
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
