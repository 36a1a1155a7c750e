using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file, in the background. SQLite's automatic checkpoint runs
/// inside whichever commit pushed the log past 1,000 pages: that caller (a claim batch on the fire path, an API
/// write) then also copies ~4 MB and waits for an fsync, several times a second under load. Connections from
/// <see cref="SqliteDataSource"/> turn that off (<c>wal_autocheckpoint = 0</c>) and this loop does the work instead,
/// in <c>PASSIVE</c> mode, which never blocks readers or writers.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>How often the log is copied back. At the fastest write rates seen (~2,000 pages/s) the log stays
    /// around 2 MB.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly PeriodicWork _loop;
    private long _checkpoints;

    public SqliteCheckpointer(SqliteDataSource dataSource, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;

        // Real time on purpose: a silo whose grains run on a fake clock still writes to a real file.
        _loop = new PeriodicWork(Interval, TimeProvider.System, CheckpointAsync, ex => LogCheckpointFailed(_logger, ex));
    }

    /// <summary>Checkpoints that copied at least one page.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    // A failure (the file briefly unavailable) is logged; the next tick tries again.
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(2) > 0)
            {
                Interlocked.Increment(ref _checkpoints);
            }
        }
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again shortly")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
