using System.Text;
using Microsoft.Data.Sqlite;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class SqlitePreparedStatementTests : IDisposable
{
    private const string UpsertSql = """
        INSERT INTO t (key, payload, at) VALUES (@key, @payload, @at)
        ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, at = excluded.at
        """;

    private readonly TempDatabase _file = new();
    private readonly SqliteConnection _connection;

    public SqlitePreparedStatementTests()
    {
        Directory.CreateDirectory(_file.DirectoryPath);
        _connection = _file.Connect();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (key TEXT PRIMARY KEY, payload TEXT, at INTEGER NOT NULL)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Execute_InsertThenUpdate_WritesWhatIsBoundAndCountsTheChanges()
    {
        using var upsert = new SqlitePreparedStatement(_connection, UpsertSql);
        int key = upsert.Parameter("@key"), payload = upsert.Parameter("@payload"), at = upsert.Parameter("@at");

        upsert.Text(key, "a");
        upsert.Text(payload, "é \"quoted\"");
        upsert.Number(at, 1);
        var inserted = upsert.Execute();
        upsert.Utf8(payload, Encoding.UTF8.GetBytes("ü"));
        upsert.Number(at, 2);
        var updated = upsert.Execute();
        upsert.Text(key, "b");
        upsert.Text(payload, null);
        var second = upsert.Execute();

        Assert.Equal((1, 1, 1), (inserted, updated, second));
        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM t WHERE key = 'a' AND payload = 'ü' AND at = 2"));
        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM t WHERE key = 'b' AND payload IS NULL AND at = 2"));
    }

    [Fact]
    public void Parameter_TheStatementDoesNotName_IsZeroAndBindingItDoesNothing()
    {
        using var upsert = new SqlitePreparedStatement(_connection, UpsertSql);

        var missing = upsert.Parameter("@nothing");
        upsert.Text(missing, "ignored");
        upsert.Number(missing, 5);

        Assert.Equal(0, missing);
    }

    [Fact]
    public void Execute_RowThatSqliteRefuses_ThrowsAndTheStatementStillWorks()
    {
        using var upsert = new SqlitePreparedStatement(_connection, UpsertSql);
        int key = upsert.Parameter("@key"), at = upsert.Parameter("@at");
        upsert.Text(key, "a");
        upsert.Number(at, null);

        Assert.Throws<SqliteException>(() => upsert.Execute());

        upsert.Number(at, 3);
        Assert.Equal(1, upsert.Execute());
    }

    [Fact]
    public void Execute_ManyRows_AllocatesNothingPerRow()
    {
        using var upsert = new SqlitePreparedStatement(_connection, UpsertSql);
        int key = upsert.Parameter("@key"), payload = upsert.Parameter("@payload"), at = upsert.Parameter("@at");
        var keys = Enumerable.Range(0, 1_100).Select(i => $"key-{i}").ToArray();
        var text = new string('x', 2_000);
        using var transaction = _connection.BeginTransaction();
        for (var i = 0; i < 100; i++)
        {
            upsert.Text(key, keys[i]);
            upsert.Text(payload, text);
            upsert.Number(at, i);
            upsert.Execute();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < keys.Length; i++)
        {
            upsert.Text(key, keys[i]);
            upsert.Text(payload, text);
            upsert.Number(at, i);
            upsert.Execute();
        }

        var perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000.0;
        transaction.Commit();

        // Through SqliteCommand the 2,000-character text alone was copied to a 2,000-byte array per row.
        Assert.True(perRow < 100, $"{perRow} bytes per row");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _file.Dispose();
    }
}
