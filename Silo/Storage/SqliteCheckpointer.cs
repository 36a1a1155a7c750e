using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file, in the background, and keeps the log from growing.
/// SQLite's automatic checkpoint runs inside whichever commit pushed the log past 1,000 pages: that caller (a claim
/// batch on the fire path, an API write) then also copies ~4 MB and waits for an fsync, several times a second under
/// load. Connections from <see cref="SqliteDataSource"/> turn that off (<c>wal_autocheckpoint = 0</c>) and this loop
/// does the work instead: a <c>PASSIVE</c> checkpoint every tick, which never blocks readers or writers, and a
/// <c>RESTART</c> once the log holds <see cref="RestartFrames"/> or more.
/// </summary>
/// <remarks>
/// A passive checkpoint alone cannot bound the log under a steady stream of commits: the log starts over from its
/// beginning only when a writer finds every frame copied and no reader inside the log, and commits land while the
/// checkpoint runs. Measured at 1,000 fires/s, the log grew past 1.9 GB in two minutes, and every commit paid for
/// extending the file. <c>RESTART</c> holds the writer lock while it copies the rest and waits (here at most
/// <see cref="RestartWait"/>) for readers to leave the log, so that the next commit writes from the start again.
/// </remarks>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>How often the log is copied back, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The log length (pages) from which a tick also restarts the log: SQLite's own automatic threshold.</summary>
    public const int RestartFrames = 1_000;

    /// <summary>How long a restart may hold writers back while it waits for readers; when readers stay longer, the
    /// next tick tries again.</summary>
    public static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(50);

    private readonly SqliteDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly PeriodicWork _loop;
    private SqliteConnection? _connection;
    private volatile TaskCompletionSource? _restart;
    private long _checkpoints;
    private long _restarts;

    public SqliteCheckpointer(SqliteDataSource dataSource, ILogger logger, TimeSpan? interval = null)
    {
        _dataSource = dataSource;
        _logger = logger;

        // Real time on purpose: a silo whose grains run on a fake clock still writes to a real file.
        _loop = new PeriodicWork(interval ?? DefaultInterval, TimeProvider.System, CheckpointAsync, ex => LogCheckpointFailed(_logger, ex));
    }

    /// <summary>Checkpoints that copied at least one page.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints that restarted the log.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Completes when no restart is under way (at once, nearly always).</summary>
    public Task RestartUnderWay => _restart?.Task ?? Task.CompletedTask;

    // A failure (the file briefly unavailable) is logged; the next tick tries again on a new connection.
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            var passive = await RunAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", cancellationToken).ConfigureAwait(false);
            if (passive.Copied > 0)
            {
                Interlocked.Increment(ref _checkpoints);
            }

            if (passive.Frames >= RestartFrames)
            {
                await RestartAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RestartAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _restart = gate;
        try
        {
            var restart = await RunAsync(connection, "PRAGMA wal_checkpoint(RESTART);", cancellationToken).ConfigureAwait(false);
            if (!restart.Busy)
            {
                Interlocked.Increment(ref _restarts);
            }
        }
        finally
        {
            _restart = null;
            gate.SetResult();
        }
    }

    // Its own connection, kept (outside the bound on open connections): its busy handler gives up after RestartWait
    // rather than the usual 30 s.
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenKeptAsync(cancellationToken).ConfigureAwait(false);
        SqliteBusyWait.Install(connection, RestartWait);
        return connection;
    }

    private static async Task<(bool Busy, long Frames, long Copied)> RunAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2))
            : (true, 0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    private async ValueTask CloseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again shortly")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
