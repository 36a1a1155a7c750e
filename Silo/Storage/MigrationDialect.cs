using System.Data.Common;

namespace OrleansCron.Silo.Storage;

/// <summary>What the engine-neutral <see cref="Migrator"/> needs to know about one database engine.</summary>
internal abstract class MigrationDialect
{
    /// <summary>The folder of the engine's scripts under <c>Storage/Sql/</c>.</summary>
    public abstract string Engine { get; }

    /// <summary>Creates <c>oc_schema_version(version, name, applied_at)</c> if it is missing.</summary>
    public abstract string CreateVersionTableSql { get; }

    /// <summary>Work done once per start-up outside any transaction (for SQLite: WAL mode on the file).</summary>
    public abstract Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a transaction that excludes every other migrator until it ends, so that several
    /// processes starting at once apply each script exactly once.</summary>
    public abstract Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>True when the failure is contention that a retry may get past.</summary>
    public abstract bool IsTransient(Exception exception);
}
