using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>One database engine under the shared store tests: a fresh, empty database and a way to look behind
/// the stores' backs.</summary>
internal abstract class StoreEngine : IAsyncDisposable
{
    /// <summary>A new database object over the engine's fresh database (the schema is migrated on first use).</summary>
    public abstract StoreDatabase Open();

    public abstract RunStore NewRunStore(StoreDatabase database, TimeProvider timeProvider);

    public abstract CatalogStore NewCatalogStore(StoreDatabase database, TimeProvider timeProvider);

    /// <summary>Runs a query that returns one integer, on a connection of its own.</summary>
    public abstract long Scalar(string sql);

    /// <summary>How many indexes of this name the schema has (0 or 1).</summary>
    public abstract long IndexCount(string name);

    /// <summary>1 when the index's first column is <paramref name="column"/>, else 0.</summary>
    public abstract long IndexLeadsWith(string name, string column);

    /// <summary>Holds a lock that makes every write to <c>oc_runs</c> wait until the returned handle is disposed.</summary>
    public abstract Task<IAsyncDisposable> LockRunsAsync();

    public abstract ValueTask DisposeAsync();
}
