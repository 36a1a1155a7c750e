using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Tests.Storage;

/// <summary>
/// Microsoft.Data.Sqlite's pool (10.0.x) can lend one native connection to two owners at once (dotnet/efcore#39008):
/// seen here under load as "Safety level may not be changed inside a transaction" when a connection just opened was
/// already inside another owner's transaction. Our connections open one at a time, which closes the window.
/// </summary>
public sealed class SqliteConnectionPoolTests : IDisposable
{
    private const int Owners = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task ConcurrentOpens_NeverGetTheSameNativeConnection()
    {
        await using var database = _file.Open();
        await database.EnsureMigratedAsync();
        var waves = 0;
        var shared = 0;
        var failures = new List<Exception>();
        var clock = Stopwatch.StartNew();

        // Waves of concurrent opens on an emptied pool, every owner held until all have opened, as long as the
        // duration allows (before the fix, five connections were lent twice within the 3 seconds here).
        while (clock.Elapsed < Duration)
        {
            var connections = new DbConnection?[Owners];
            using var start = new Barrier(Owners);
            var threads = Enumerable.Range(0, Owners).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    connections[i] = database.DataSource.OpenConnection();
                }
                catch (SqliteException e)
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var handles = connections.OfType<SqliteConnection>().Select(c => c.Handle).ToList();
            shared += handles.Count - handles.Distinct(ReferenceEqualityComparer.Instance).Count();
            foreach (var connection in connections)
            {
                connection?.Dispose();
            }

            using (var any = database.DataSource.OpenConnection())
            {
                SqliteConnection.ClearPool((SqliteConnection)any);
            }

            waves++;
        }

        Assert.True(waves > 10, $"only {waves} waves ran");
        Assert.Empty(failures);
        Assert.Equal(0, shared);
    }

    [Fact]
    public async Task AClose_ThatWaitsForTheWriteLock_DoesNotHoldUpOpening()
    {
        await using var database = _file.Open();
        await database.EnsureMigratedAsync();
        using var holder = _file.Connect();
        Execute(holder, "CREATE TABLE probe (x INTEGER)");
        Execute(holder, "BEGIN IMMEDIATE");

        // A reader left with a write still to run: closing its connection runs that write, which waits for the lock.
        var closing = database.DataSource.OpenConnection();
        var command = closing.CreateCommand();
        command.CommandText = "SELECT 1; INSERT INTO probe VALUES (1);";
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var closed = Task.Factory.StartNew(closing.Dispose, TaskCreationOptions.LongRunning);
        Assert.False(await EndsWithin(closed, TimeSpan.FromMilliseconds(300)), "the close did not wait for the write lock");

        var opened = Task.Factory.StartNew(() => database.DataSource.OpenConnection(), TaskCreationOptions.LongRunning);
        var openedInTime = await EndsWithin(opened, TimeSpan.FromSeconds(10));

        Execute(holder, "ROLLBACK");
        Assert.True(await EndsWithin(closed, TimeSpan.FromSeconds(30)));
        Assert.True(openedInTime, "an open waited for another connection's close");
        (await opened).Dispose();
        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM probe"));
    }

    private static async Task<bool> EndsWithin(Task task, TimeSpan time) =>
        await Task.WhenAny(task, Task.Delay(time)) == task;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void OpenAsync_GoesThroughOpen_SoItsGuardCoversBoth()
    {
        // GatedSqliteConnection guards Open; DbConnection.OpenAsync calls Open unless a provider overrides it.
        var openAsync = typeof(SqliteConnection).GetMethod(nameof(SqliteConnection.OpenAsync), [typeof(CancellationToken)]);

        Assert.Equal(typeof(DbConnection), openAsync!.DeclaringType);
    }
}
