using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

internal abstract partial class CatalogStore
{
    /// <summary>How often coalesced next-fire values are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _scheduleWrites = new(1, 1);
    private readonly PeriodicWork _flush;
    private readonly CoalescedWrites<DateTimeOffset?> _pendingNextFire = new();

    /// <summary>Next-fire values written so far by flushes (each schedule counted once per flush).</summary>
    internal long FlushedNextFireCount => _pendingNextFire.WrittenCount;

    public void SetNextFireAt(string scheduleId, DateTimeOffset? nextFireAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        _pendingNextFire.Set(scheduleId, nextFireAt);
    }

    /// <summary>Writes every pending next-fire value, a bounded batch per transaction (the latest per schedule wins; a
    /// failed batch is retried by the next flush). Each batch is taken and written in turn with the schedule upserts,
    /// which drop a pending value older than their view.</summary>
    internal Task FlushNextFireAsync(CancellationToken cancellationToken = default) =>
        _pendingNextFire.IsEmpty
            ? Task.CompletedTask
            : _pendingNextFire.FlushAsync(WriteNextFireAsync, cancellationToken, eachBatchUnder: _scheduleWrites);

    private const string NextFireSql = "UPDATE oc_schedules SET next_fire_at = @next_fire_at WHERE id = @id";

    private Task WriteNextFireAsync(IReadOnlyDictionary<string, DateTimeOffset?> batch, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (connection is SqliteConnection sqlite)
                {
                    WriteNextFireOneByOne(sqlite, batch);
                    return;
                }

                await using var command = DbCommands.Create(connection, transaction, NextFireSql);
                var id = DbCommands.Add(command, "@id", null);
                var next = DbCommands.Add(command, "@next_fire_at", null);
                foreach (var (scheduleId, nextFireAt) in batch)
                {
                    id.Value = scheduleId;
                    next.Value = StorageValues.ToUnixMs(nextFireAt) is { } value ? value : DBNull.Value;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);

    // SQLite: a value is written for nearly every fire; bound directly, a row allocates nothing (through SqliteCommand:
    // a binder per parameter, a reader and a boxed number).
    private static void WriteNextFireOneByOne(SqliteConnection connection, IReadOnlyDictionary<string, DateTimeOffset?> batch)
    {
        using var update = new SqlitePreparedStatement(connection, NextFireSql);
        int id = update.Parameter("@id"), next = update.Parameter("@next_fire_at");
        foreach (var (scheduleId, nextFireAt) in batch)
        {
            update.Text(id, scheduleId);
            update.Number(next, StorageValues.ToUnixMs(nextFireAt));
            update.Execute();
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

    private void DropPendingNextFire(string scheduleId) => _pendingNextFire.Drop(scheduleId);
}
