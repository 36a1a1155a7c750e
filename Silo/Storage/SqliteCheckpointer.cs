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
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _checkpoints;

    public SqliteCheckpointer(SqliteDataSource dataSource, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Checkpoints that copied at least one page.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    private async Task LoopAsync()
    {
        // Real time on purpose: a silo whose grains run on a fake clock still writes to a real file.
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await CheckpointAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            var connection = await _dataSource.OpenAsync(_stopping.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                using var reader = await command.ExecuteReaderAsync(_stopping.Token).ConfigureAwait(false);
                if (await reader.ReadAsync(_stopping.Token).ConfigureAwait(false) && reader.GetInt64(2) > 0)
                {
                    Interlocked.Increment(ref _checkpoints);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The file may be briefly unavailable (being migrated, moved by a test); the next tick tries again.
            LogCheckpointFailed(_logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again shortly")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
