using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>SQLite: <c>BEGIN IMMEDIATE</c> takes the file's write lock up front, so a second process waits
/// (busy timeout) instead of failing to upgrade a read lock.</summary>
internal sealed class SqliteMigrationDialect : MigrationDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static readonly SqliteMigrationDialect Instance = new();

    public override string Engine => "Sqlite";

    public override string CreateVersionTableSql => """
        CREATE TABLE IF NOT EXISTS oc_schema_version
        (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode (journal mode is '{mode}').");
        }
    }

    public override Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };
}
