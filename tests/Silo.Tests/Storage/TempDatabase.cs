using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>A database file in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "orleanscron-store-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(DirectoryPath, SiloBuilderStorageExtensions.DatabaseFileName);
    }

    public string DirectoryPath { get; }

    public string FilePath { get; }

    public SqliteDatabase Open(TimeSpan? checkpointInterval = null) => new(FilePath, NullLoggerFactory.Instance, checkpointInterval);

    /// <summary>A plain connection, for looking at (or tampering with) the file behind the code's back.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaks a temporary directory.
        }
    }
}
