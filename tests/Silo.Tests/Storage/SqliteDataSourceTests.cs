using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class SqliteDataSourceTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task OpenConnectionAsync_AsTheProvidersDo_TunesEveryConnection()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath);

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT synchronous FROM pragma_synchronous) || '/' || (SELECT timeout FROM pragma_busy_timeout)";
        var settings = await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        settings += "/" + await command.ExecuteScalarAsync();

        // synchronous NORMAL; the stock busy timeout replaced by our handler (which keeps its length, see the test
        // below), so SQLite reports 0; and no checkpoint inside commits (SqliteCheckpointer does it).
        Assert.Equal("1/0/0", settings);
        Assert.True(File.Exists(_file.FilePath));
    }

    [Fact]
    public async Task AWriteThatMeetsAnotherWriter_WaitsInOurBusyHandler_AndSucceedsOnceTheLockIsFree()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath);
        await using (var setup = await dataSource.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(setup, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER);");
        }

        await using var holder = await dataSource.OpenAsync(CancellationToken.None);
        await using var waiter = await dataSource.OpenAsync(CancellationToken.None);
        var callsBefore = SqliteBusyWait.Calls;
        await using var transaction = holder.BeginTransaction(deferred: false);
        await ExecuteAsync(holder, "INSERT INTO t VALUES (1);");

        // The waiter's insert meets the holder's write lock and waits in the busy handler until the commit.
        var blocked = Task.Run(() => ExecuteAsync(waiter, "INSERT INTO t VALUES (2);"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (SqliteBusyWait.Calls == callsBefore && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.False(blocked.IsCompleted);
        await transaction.CommitAsync();
        await blocked.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(SqliteBusyWait.Calls > callsBefore);
        await using var count = waiter.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
