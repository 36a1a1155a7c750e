using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Opens connections to the standalone database file, each tuned the same way. Handed to the Orleans ADO.NET
/// providers too, so their connections get <c>synchronous=NORMAL</c> and the busy timeout like ours
/// (per-connection settings that a connection string cannot carry), and their writes take turns with ours at one
/// <see cref="SqliteWriteGate"/>. WAL mode is set on the file by the migrator.
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

    /// <summary>The most connections this process holds open to the file at once, besides the kept ones (see
    /// <see cref="SqliteOpenLimit"/>); Npgsql's pool has the same default on the cluster.</summary>
    public const int MaxOpenConnections = 100;

    private readonly string _connectionString;

    public SqliteDataSource(string databasePath, int maxOpenConnections = MaxOpenConnections)
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
        OpenLimit = new SqliteOpenLimit(maxOpenConnections, WriteGate.Meter);
    }

    /// <summary>Where this process's writers take turns (see <see cref="SqliteWriteGate"/>).</summary>
    public SqliteWriteGate WriteGate { get; } = new();

    /// <summary>The bound on connections open at once (see <see cref="SqliteOpenLimit"/>).</summary>
    public SqliteOpenLimit OpenLimit { get; }

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

    private static void Tune(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = TuningSql;
            command.ExecuteNonQuery();
        }

        SqliteBusyWait.Install(connection);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            WriteGate.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        WriteGate.Dispose();
        return base.DisposeAsyncCore();
    }
}
