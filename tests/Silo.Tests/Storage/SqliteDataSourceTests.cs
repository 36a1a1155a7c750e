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
        command.CommandText = "PRAGMA journal_size_limit";
        settings += "/" + await command.ExecuteScalarAsync();

        // synchronous NORMAL; the stock busy timeout replaced by our handler (which keeps its length, see the test
        // below), so SQLite reports 0; no checkpoint inside commits (SqliteCheckpointer does it); and a log that
        // starts over is cut back to 16 MB.
        Assert.Equal("1/0/0/16777216", settings);
        Assert.True(File.Exists(_file.FilePath));
    }

    [Fact]
    public async Task AWriteThatMeetsAnotherWriter_WaitsInOurBusyHandler_AndSucceedsOnceTheLockIsFree()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath);
        await using var waiter = await dataSource.OpenAsync(CancellationToken.None);
        var callsBefore = SqliteBusyWait.Calls;
        var (holder, transaction) = await HoldWriteLockAsync(dataSource);
        await using var _ = holder;

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

    [Fact]
    public async Task AConnectionGivenAShortWait_GivesUpOnABusyLockAfterIt()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath);
        await using var impatient = await dataSource.OpenAsync(CancellationToken.None);
        SqliteBusyWait.Install(impatient, TimeSpan.FromMilliseconds(100));
        var (holder, transaction) = await HoldWriteLockAsync(dataSource);
        await using var _ = holder;
        await using var __ = transaction;

        // Our handler would wait 30 s for the holder by default; this one gives up after its 100 ms, and
        // Microsoft.Data.Sqlite's own retries stop after the command's 1 s timeout.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Task.Run(async () =>
        {
            await using var command = impatient.CreateCommand();
            command.CommandText = "INSERT INTO t VALUES (2);";
            command.CommandTimeout = 1;
            await command.ExecuteNonQueryAsync();
        }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(5, failure.SqliteErrorCode); // SQLITE_BUSY
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
    }

    /// <summary>A table <c>t</c>, and a connection inside a write transaction on it (the file's one writer lock).</summary>
    private static async Task<(Microsoft.Data.Sqlite.SqliteConnection Holder, Microsoft.Data.Sqlite.SqliteTransaction Lock)> HoldWriteLockAsync(
        SqliteDataSource dataSource)
    {
        await using (var setup = await dataSource.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(setup, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER);");
        }

        var holder = await dataSource.OpenAsync(CancellationToken.None);
        var transaction = holder.BeginTransaction(deferred: false);
        await ExecuteAsync(holder, "INSERT INTO t VALUES (1);");
        return (holder, transaction);
    }

    private static async Task ExecuteAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
