using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// One database of our own tables (SQLite file or PostgreSQL): its connections, its schema and the few
/// transaction kinds the engine-neutral stores need. The schema is migrated at most once per process, by whoever
/// needs it first (the silo's start-up, or a store used without a silo).
/// </summary>
internal abstract class StoreDatabase : IAsyncDisposable
{
    /// <summary>The storage meter, on both engines: the run writer's commits and rows (<see cref="RunStore.Meter"/>)
    /// and, on SQLite, the write gate's queue (<see cref="SqliteWriteGate.Meter"/>). Watch it live with
    /// <c>dotnet-counters monitor -n OrleansCron.Gateway --counters OrleansCron.Storage</c>.</summary>
    public const string MeterName = "OrleansCron.Storage";

    private readonly MigrationDialect _dialect;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _lock = new();
    private Migrator? _migrator;
    private Task<int>? _migration;

    protected StoreDatabase(MigrationDialect dialect, ILoggerFactory? loggerFactory)
    {
        _dialect = dialect;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Opens our stores' connections.</summary>
    public abstract DbDataSource DataSource { get; }

    /// <summary>What the Orleans ADO.NET providers (grain state, reminders) open their connections from. On SQLite a
    /// lane of its own (<see cref="SqliteDataSource.ForOrleans"/>), so that our reads never wait behind their queue of
    /// writers; on PostgreSQL the same pool (Npgsql writers do not queue in the process, and a second pool would
    /// double the connections each silo may ask of the server).</summary>
    public virtual DbDataSource OrleansDataSource => DataSource;

    /// <summary>Migrates the schema unless this process already did; a failed attempt is retried by the next caller.</summary>
    public Task EnsureMigratedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                // Real time on purpose: the busy back-off must not stall a silo whose grains run on a fake clock.
                _migrator ??= new Migrator(DataSource, _dialect, TimeProvider.System, _loggerFactory.CreateLogger<Migrator>());

                // Not tied to one caller's token: others may be waiting on the same migration.
                _migration = _migrator.MigrateAsync(CancellationToken.None);
            }

            return _migration.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Opens a connection that a long-lived worker keeps for its whole life (the run writer). On SQLite it
    /// does not wait behind other opens for a place under the bound on open connections (see
    /// <see cref="SqliteOpenLimit"/>).</summary>
    public virtual async ValueTask<DbConnection> OpenKeptConnectionAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Begins a transaction for a batch of writes that must commit or fail together (on SQLite, after this
    /// process's other writers ahead of it: dispose it promptly). <paramref name="firePath"/>: the run writer's batch,
    /// which on SQLite waits at most a few milliseconds for other writers (see <see cref="SqliteWriteGate"/>).</summary>
    public abstract ValueTask<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken, bool firePath = false);

    /// <summary>Begins a read-only transaction in which several queries see one snapshot.</summary>
    public abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
