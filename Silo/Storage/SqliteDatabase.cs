using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// The standalone database file: its connections and its schema. The schema is migrated at most once per
/// process, by whoever needs it first (the silo's start-up, or a store used without a silo).
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly Migrator _migrator;
    private readonly Lock _lock = new();
    private Task<int>? _migration;

    public SqliteDatabase(string databasePath, ILoggerFactory? loggerFactory = null)
    {
        DataSource = new SqliteDataSource(databasePath);

        // Real time on purpose: the busy back-off must not stall a silo whose grains run on a fake clock.
        _migrator = new Migrator(
            DataSource,
            SqliteMigrationDialect.Instance,
            TimeProvider.System,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Migrator>());
    }

    public SqliteDataSource DataSource { get; }

    /// <summary>Migrates the schema unless this process already did; a failed attempt is retried by the next caller.</summary>
    public Task EnsureMigratedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                // Not tied to one caller's token: others may be waiting on the same migration.
                _migration = _migrator.MigrateAsync(CancellationToken.None);
            }

            return _migration.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
