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

    private readonly string _connectionString;

    public SqliteDataSource(string databasePath)
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
    }

    /// <summary>Where this process's writers take turns (see <see cref="SqliteWriteGate"/>).</summary>
    public SqliteWriteGate WriteGate { get; } = new();

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    public override string ConnectionString => _connectionString;

    /// <summary>An open, tuned connection.</summary>
    public SqliteConnection Open() => (SqliteConnection)OpenDbConnection();

    /// <summary>An open, tuned connection.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        (SqliteConnection)await OpenDbConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override DbConnection CreateDbConnection() => new GatedSqliteConnection(_connectionString, WriteGate);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new GatedSqliteConnection(_connectionString, WriteGate);
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

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new GatedSqliteConnection(_connectionString, WriteGate);
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
