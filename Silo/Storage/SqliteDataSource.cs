using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Opens connections to the standalone database file, each tuned the same way. Its lane <see cref="ForOrleans"/> is
/// handed to the Orleans ADO.NET providers, so their connections get <c>synchronous=NORMAL</c> and the busy timeout
/// like ours (per-connection settings that a connection string cannot carry), and their writes take turns with ours
/// at one <see cref="SqliteWriteGate"/>. WAL mode is set on the file by the migrator.
/// </summary>
internal sealed class SqliteDataSource : DbDataSource
{
    /// <summary>How long a statement waits for another writer (another connection or process) before failing.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    // The busy timeout is then served by our own handler (SqliteBusyWait), which waits the same time in finer steps.
    // No connection checkpoints the log on its own: SqliteCheckpointer does, in the background. When the log starts
    // over after a checkpoint, the file is cut back to 16 MB if a burst had made it longer.
    private const string TuningSql =
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 16777216;";

    /// <summary>The most connections our stores hold open to the file at once, besides the kept ones (see
    /// <see cref="SqliteOpenLimit"/>). Their writers queue before they open (the catalog's, the metrics' flushes) or
    /// keep their connection (the run writer), so this is mostly for reads: the API's pages and lookups.</summary>
    public const int MaxOpenConnections = 32;

    /// <summary>The most connections the Orleans providers (grain state, reminders) hold open at once through
    /// <see cref="ForOrleans"/>; Npgsql's pool has the same default on the cluster.</summary>
    public const int MaxOrleansConnections = 100;

    private readonly string _connectionString;
    private readonly SqliteDataSource? _owner;

    public SqliteDataSource(string databasePath, int maxOpenConnections = MaxOpenConnections, int maxOrleansConnections = MaxOrleansConnections)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        WriteGate = new SqliteWriteGate();
        OpenLimit = new SqliteOpenLimit(maxOpenConnections);
        ForOrleans = new SqliteDataSource(this, maxOrleansConnections);
        WriteGate.Meter.CreateObservableGauge(
            "orleanscron.sqlite.connections.open", () => MeasureLanes(static limit => limit.Open), "{connection}", "Connections open under each lane's bound (the kept ones not counted).");
        WriteGate.Meter.CreateObservableGauge(
            "orleanscron.sqlite.connections.waiting", () => MeasureLanes(static limit => limit.Waiting), "{connection}", "Opens waiting in each lane for one of its connections to close.");
    }

    // The Orleans providers' lane: the same file, tuning and write gate, a bound of its own.
    private SqliteDataSource(SqliteDataSource owner, int maxOpenConnections)
    {
        _owner = owner;
        DatabasePath = owner.DatabasePath;
        _connectionString = owner._connectionString;
        WriteGate = owner.WriteGate;
        OpenLimit = new SqliteOpenLimit(maxOpenConnections);
        ForOrleans = this;
    }

    /// <summary>Where this process's writers take turns (see <see cref="SqliteWriteGate"/>).</summary>
    public SqliteWriteGate WriteGate { get; }

    /// <summary>The bound on this lane's connections open at once (see <see cref="SqliteOpenLimit"/>).</summary>
    public SqliteOpenLimit OpenLimit { get; }

    /// <summary>The lane handed to the Orleans ADO.NET providers: the same file, tuning and write gate, with a bound on
    /// open connections of its own. Each provider write opens its connection before its turn at the write gate, so
    /// after a burst tens of thousands of them can wait to open (up to 98,277 measured in scenario 5 at 100,000); in one
    /// queue with theirs, every read of our stores (the API's) would wait behind them. Ours never wait in theirs.</summary>
    public SqliteDataSource ForOrleans { get; }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    public override string ConnectionString => _connectionString;

    /// <summary>An open, tuned connection.</summary>
    public SqliteConnection Open() => (SqliteConnection)OpenDbConnection();

    /// <summary>An open, tuned connection.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        (SqliteConnection)await OpenDbConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>An open, tuned connection that does not wait for, or count against, <see cref="OpenLimit"/>: for a
    /// worker that keeps one connection for its whole life (the run writer on the fire path, the checkpointer), so that
    /// a crowd of waiting opens never stands between it and the file.</summary>
    public async ValueTask<SqliteConnection> OpenKeptAsync(CancellationToken cancellationToken) =>
        await OpenTunedAsync(new GatedSqliteConnection(_connectionString, WriteGate, limit: null), cancellationToken).ConfigureAwait(false);

    protected override DbConnection CreateDbConnection() => new GatedSqliteConnection(_connectionString, WriteGate, OpenLimit);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new GatedSqliteConnection(_connectionString, WriteGate, OpenLimit);
        try
        {
            connection.Open();
            Tune(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default) =>
        await OpenTunedAsync(new GatedSqliteConnection(_connectionString, WriteGate, OpenLimit), cancellationToken).ConfigureAwait(false);

    private static async ValueTask<SqliteConnection> OpenTunedAsync(GatedSqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Tune(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Measurement<int>[] MeasureLanes(Func<SqliteOpenLimit, int> measure) =>
    [
        new(measure(OpenLimit), new KeyValuePair<string, object?>("lane", "stores")),
        new(measure(ForOrleans.OpenLimit), new KeyValuePair<string, object?>("lane", "orleans")),
    ];

    private static void Tune(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = TuningSql;
            command.ExecuteNonQuery();
        }

        SqliteBusyWait.Install(connection);
    }

    // The owner disposes the gate it shares with its lane.
    protected override void Dispose(bool disposing)
    {
        if (disposing && _owner is null)
        {
            WriteGate.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        if (_owner is null)
        {
            WriteGate.Dispose();
        }

        return base.DisposeAsyncCore();
    }
}
