using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>The standalone database file: its connections and its schema.</summary>
internal sealed class SqliteDatabase : StoreDatabase
{
    public SqliteDatabase(string databasePath, ILoggerFactory? loggerFactory = null)
        : base(SqliteMigrationDialect.Instance, loggerFactory)
    {
        DataSource = new SqliteDataSource(databasePath);
    }

    public override SqliteDataSource DataSource { get; }

    /// <summary><c>BEGIN IMMEDIATE</c>: takes the file's write lock up front instead of failing to upgrade a read lock.</summary>
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    /// <summary>A deferred transaction: WAL gives it one snapshot from its first read on, without blocking the writer.</summary>
    public override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
    }

    public override ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
