using System.Data.Common;
using Npgsql;

namespace OrleansCron.Silo.Storage;

/// <summary>PostgreSQL: each script's transaction first takes a transaction-scoped advisory lock, so silos that
/// start at once apply the scripts one after another, and each re-checks what is applied once it holds the lock.</summary>
internal sealed class PostgresMigrationDialect : MigrationDialect
{
    /// <summary>The advisory lock key of our migrations (any constant that no other code of the database uses).</summary>
    public const long AdvisoryLockKey = 0x4F43_726F_6E4D_6967; // "OCronMig"

    public static readonly PostgresMigrationDialect Instance = new();

    public override string Engine => "Postgres";

    public override string CreateVersionTableSql => """
        CREATE TABLE IF NOT EXISTS oc_schema_version
        (
            version integer NOT NULL PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    public override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable }
        || exception is NpgsqlException { IsTransient: true };
}
