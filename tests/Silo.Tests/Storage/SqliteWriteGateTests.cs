using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>
/// Writers in this process take turns at the write gate before SQLite's lock, so that one waiting for another holds
/// no thread: a write transaction of ours (a run batch, a catalog or metrics write) and an autocommit write on the
/// same file (how the Orleans providers write grain state and reminders) queue there, in order.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    public enum EntryPoint
    {
        NonQuery,
        Scalar,

        // What the Orleans ADO.NET providers call: DbCommand.ExecuteReaderAsync, then read, then dispose both.
        Reader,
    }

    [Theory]
    [InlineData(EntryPoint.NonQuery)]
    [InlineData(EntryPoint.Scalar)]
    [InlineData(EntryPoint.Reader)]
    public async Task AnAutocommitWrite_WhileAWriteTransactionHasTheTurn_WaitsForItWithoutAThread(EntryPoint entry)
    {
        await using var database = await OpenWithTableAsync();
        await using var holder = await database.DataSource.OpenAsync(CancellationToken.None);
        var write = await database.BeginWriteAsync(holder, CancellationToken.None);
        await ExecuteAsync(holder, write.Transaction, "INSERT INTO t VALUES (1)");
        await using var other = await database.DataSource.OpenAsync(CancellationToken.None);

        // Returns a pending task at once: the caller's thread is not held in SQLite's busy handler (before the gate,
        // it waited there, synchronously, until the holder committed).
        var pending = RunAsync(other, "INSERT INTO t VALUES (2)", entry);

        Assert.False(pending.IsCompleted);
        Assert.Equal(1, database.DataSource.WriteGate.Waited);
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        await write.CommitAsync();
        await write.DisposeAsync();
        await pending.WaitAsync(Patience);
        Assert.Equal(2L, _file.Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task AWriteTransaction_WaitsForAnAutocommitWriteThatHasTheTurn_UntilItsReaderIsDone()
    {
        await using var database = await OpenWithTableAsync();
        await using var connection = await database.DataSource.OpenAsync(CancellationToken.None);
        DbCommand command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (1) RETURNING v";
        var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        await using var writer = await database.DataSource.OpenAsync(CancellationToken.None);

        var begin = database.BeginWriteAsync(writer, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(begin.IsCompleted);

        // As the providers do: the reader first, then the command; the turn passes on with the command.
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await using var write = await begin.WaitAsync(Patience);
        await ExecuteAsync(writer, write.Transaction, "INSERT INTO t VALUES (2)");
        await write.CommitAsync();
        Assert.Equal(2L, _file.Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task AReadOrAWriteInsideATransaction_DoesNotWaitForTheTurn()
    {
        await using var database = await OpenWithTableAsync();
        await using var holder = await database.DataSource.OpenAsync(CancellationToken.None);
        await using var write = await database.BeginWriteAsync(holder, CancellationToken.None);
        await using var reader = await database.DataSource.OpenAsync(CancellationToken.None);

        // A read never needs the lock (WAL); the holder's own statements run inside its transaction.
        var read = RunAsync(reader, "SELECT count(*) FROM t", EntryPoint.Scalar);
        await ExecuteAsync(holder, write.Transaction, "INSERT INTO t VALUES (1)");

        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(0, database.DataSource.WriteGate.Waited);
        await write.CommitAsync();
    }

    [Fact]
    public async Task Turns_AreServedInArrivalOrder()
    {
        await using var database = await OpenWithTableAsync();
        await using var holder = await database.DataSource.OpenAsync(CancellationToken.None);
        var write = await database.BeginWriteAsync(holder, CancellationToken.None);
        var connections = new List<SqliteConnection>();
        var writes = new List<Task>();
        for (var i = 1; i <= 5; i++)
        {
            var connection = await database.DataSource.OpenAsync(CancellationToken.None);
            connections.Add(connection);
            writes.Add(RunAsync(connection, $"INSERT INTO t VALUES ({i})", EntryPoint.NonQuery));
        }

        await write.DisposeAsync();
        await Task.WhenAll(writes).WaitAsync(Patience);

        Assert.Equal(12345L, _file.Scalar("SELECT group_concat(v, '') FROM (SELECT v FROM t ORDER BY rowid)"));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheRunWritersTurn_LetsOthersGoFirst_ForAtMostItsPatience()
    {
        var time = new FakeTimeProvider();
        var gate = new SqliteWriteGate(time);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var served = new List<string>();
        var runs = Take(gate, "runs", firePath: true, served);
        var first = Take(gate, "other 1", firePath: false, served);
        var second = Take(gate, "other 2", firePath: false, served);

        // The run writer came first but has not waited its patience yet: the other that waited longest goes.
        holder.Dispose();
        var turn = await first.WaitAsync(Patience);

        // By the time that one is done, the run writer has waited long enough: it goes before the other still waiting.
        time.Advance(SqliteWriteGate.FirePathPatience);
        turn.Dispose();
        (await runs.WaitAsync(Patience)).Dispose();
        (await second.WaitAsync(Patience)).Dispose();

        Assert.Equal(["other 1", "runs", "other 2"], served);
    }

    [Fact]
    public async Task TheRunWritersTurn_WithNoOneElseWaiting_GoesAtOnce()
    {
        var time = new FakeTimeProvider();
        var gate = new SqliteWriteGate(time);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var runs = gate.EnterAsync(CancellationToken.None, firePath: true).AsTask();

        holder.Dispose();

        (await runs.WaitAsync(Patience)).Dispose();
        Assert.Equal(1, gate.Waited);
    }

    [Fact]
    public async Task AWaiterThatGivesUp_IsPassedOver()
    {
        var gate = new SqliteWriteGate();
        var holder = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var impatient = gate.EnterAsync(cancel.Token).AsTask();
        var patient = gate.EnterAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        holder.Dispose();

        (await patient.WaitAsync(Patience)).Dispose();
        (await gate.EnterAsync(CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task TheMeter_ShowsWhoWaits_HowLongTheLongestHasWaited_AndHowManyTurnsWaited()
    {
        var time = new FakeTimeProvider();
        using var gate = new SqliteWriteGate(time);
        var measured = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, gate.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measured[Name(instrument, tags)] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured[Name(instrument, tags)] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured[Name(instrument, tags)] = value);
        listener.Start();

        var holder = await gate.EnterAsync(CancellationToken.None);
        var other = gate.EnterAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(3));
        var runs = gate.EnterAsync(CancellationToken.None, firePath: true).AsTask();
        var another = gate.EnterAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(4));
        listener.RecordObservableInstruments();

        Assert.Equal(1, measured["orleanscron.sqlite.write_gate.waiting fire_path"]);
        Assert.Equal(2, measured["orleanscron.sqlite.write_gate.waiting other"]);
        Assert.Equal(7, measured["orleanscron.sqlite.write_gate.longest_wait"]);
        Assert.Equal(3, measured["orleanscron.sqlite.write_gate.waited"]);

        holder.Dispose();
        (await other.WaitAsync(Patience)).Dispose();
        (await another.WaitAsync(Patience)).Dispose();
        (await runs.WaitAsync(Patience)).Dispose();
        listener.RecordObservableInstruments();

        Assert.Equal(0, measured["orleanscron.sqlite.write_gate.waiting fire_path"]);
        Assert.Equal(0, measured["orleanscron.sqlite.write_gate.waiting other"]);
        Assert.Equal(0, measured["orleanscron.sqlite.write_gate.longest_wait"]);

        static string Name(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            tags.Length == 0 ? instrument.Name : $"{instrument.Name} {tags[0].Value}";
    }

    [Fact]
    public async Task ASynchronousAutocommitWrite_WaitsForTheTurnOnItsOwnThread_ThenWrites()
    {
        await using var database = await OpenWithTableAsync();
        await using var holder = await database.DataSource.OpenAsync(CancellationToken.None);
        var write = await database.BeginWriteAsync(holder, CancellationToken.None);
        await using var other = await database.DataSource.OpenAsync(CancellationToken.None);
        using var started = new ManualResetEventSlim();
        var done = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            using var command = other.CreateCommand();
            command.CommandText = "INSERT INTO t VALUES (2)";
            started.Set();
            command.ExecuteNonQuery();
            done.SetResult();
        });
        thread.Start();
        started.Wait(Patience);

        // Bounded: the thread may take a while to reach the gate on a busy machine.
        var deadline = DateTime.UtcNow + Patience;
        while (database.DataSource.WriteGate.Waited == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, database.DataSource.WriteGate.Waited);
        Assert.False(done.Task.IsCompleted);

        await write.CommitAsync();
        await write.DisposeAsync();
        await done.Task.WaitAsync(Patience);
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("  delete from t where v = 1", true)]
    [InlineData("WITH n AS (SELECT 1) UPDATE t SET v = 2", true)]
    [InlineData("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET v = 3", true)]
    [InlineData("REPLACE INTO t VALUES (1)", true)]
    [InlineData("SELECT updated_at, deleted FROM t", false)]
    [InlineData("SELECT v FROM t WHERE kind = 'insert_only'", false)]
    [InlineData("PRAGMA journal_mode", false)]
    [InlineData("", false)]
    public void MayWrite_LooksForAWritingVerbAsAWholeWord(string sql, bool expected) =>
        Assert.Equal(expected, GatedSqliteCommand.MayWrite(sql));

    private static async Task<IDisposable> Take(SqliteWriteGate gate, string name, bool firePath, List<string> served)
    {
        var turn = await gate.EnterAsync(CancellationToken.None, firePath);
        lock (served)
        {
            served.Add(name);
        }

        return turn;
    }

    private async Task<SqliteDatabase> OpenWithTableAsync()
    {
        var database = _file.Open();
        await database.EnsureMigratedAsync();
        await using var setup = await database.DataSource.OpenAsync(CancellationToken.None);
        await ExecuteAsync(setup, null, "CREATE TABLE t (v INTEGER)");
        return database;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = DbCommands.Create(connection, transaction, sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunAsync(SqliteConnection connection, string sql, EntryPoint entry)
    {
        DbCommand command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            switch (entry)
            {
                case EntryPoint.NonQuery:
                    await command.ExecuteNonQueryAsync();
                    break;
                case EntryPoint.Scalar:
                    await command.ExecuteScalarAsync();
                    break;
                default:
                    await using (var reader = await command.ExecuteReaderAsync())
                    {
                        while (await reader.ReadAsync())
                        {
                        }
                    }

                    break;
            }
        }
    }
}
