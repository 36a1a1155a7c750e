using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansCron.Silo.Storage;

/// <summary>The standalone database file: its connections and its schema.</summary>
internal sealed class SqliteDatabase : StoreDatabase
{
    public SqliteDatabase(string databasePath, ILoggerFactory? loggerFactory = null, TimeSpan? checkpointInterval = null)
        : base(SqliteMigrationDialect.Instance, loggerFactory)
    {
        DataSource = new SqliteDataSource(databasePath);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteCheckpointer>();
        Checkpointer = new SqliteCheckpointer(DataSource, logger, checkpointInterval);
    }

    /// <summary>Copies the write-ahead log into the file in the background (connections do not do it themselves).</summary>
    public SqliteCheckpointer Checkpointer { get; }

    public override SqliteDataSource DataSource { get; }

    public override SqliteDataSource OrleansDataSource => DataSource.ForOrleans;

    public override async ValueTask<DbConnection> OpenKeptConnectionAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenKeptAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>BEGIN IMMEDIATE</c>: takes the file's write lock up front instead of failing to upgrade a read lock.
    /// Waits first, without holding a thread, for this process's writers ahead of it (<see cref="SqliteWriteGate"/>)
    /// and while the checkpointer restarts the log (see <see cref="SqliteCheckpointer"/>).</summary>
    public override async ValueTask<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken, bool firePath = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var turn = await DataSource.WriteGate.EnterAsync(cancellationToken, firePath).ConfigureAwait(false);
        try
        {
            var restart = Checkpointer.RestartUnderWay;
            if (!restart.IsCompleted)
            {
                await restart.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new WriteTransaction(BeginImmediate(connection), turn);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    private static DbTransaction BeginImmediate(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <summary>A deferred transaction: WAL gives it one snapshot from its first read on, without blocking the writer.</summary>
    public override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
    }

    public override async ValueTask DisposeAsync()
    {
        await Checkpointer.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
