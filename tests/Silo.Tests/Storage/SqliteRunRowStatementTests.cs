using Microsoft.Data.Sqlite;
using OrleansCron.Runs;
using OrleansCron.Silo.Storage;
using static OrleansCron.Tests.Storage.RunStoreFixture;

namespace OrleansCron.Tests.Storage;

public sealed class SqliteRunRowStatementTests : IAsyncLifetime
{
    private readonly TempDatabase _file = new();
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        await using (var database = _file.Open())
        {
            await database.EnsureMigratedAsync();
        }

        _connection = _file.Connect();
    }

    public Task DisposeAsync()
    {
        _connection.Dispose();
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Execute_ClaimTwiceThenUpdate_InsertsOnceAndUpdatesTheRow()
    {
        using var claim = new SqliteRunRowStatement(_connection, RunStore.ClaimSql);
        using var update = new SqliteRunRowStatement(_connection, RunStore.UpdateSql);
        var run = Run("s1", 1, T0);
        var attempt = new AttemptRecord(1, T0, 3.5, 200, 2, ErrorClass.None, null, "ok \"quoted\" é");
        var finished = run with { Status = RunStatus.Succeeded, FinishedAt = T0.AddSeconds(1), Attempts = [attempt], ClaimedBy = null };

        var claimed = claim.Execute(run, null, 1);
        var claimedAgain = claim.Execute(run, null, 2);
        var updated = update.Execute(finished, run, 3);
        var missing = update.Execute(finished with { Occurrence = 9 }, run with { Occurrence = 9 }, 4);
        var movedOn = update.Execute(finished with { Status = RunStatus.Failed }, run, 5);

        Assert.Equal((1, 0, 1, 0, 0), (claimed, claimedAgain, updated, missing, movedOn));
        Assert.Equal(1, _file.Scalar("SELECT count(*) FROM oc_runs"));
        Assert.Equal(
            1,
            _file.Scalar($"""
                SELECT count(*) FROM oc_runs WHERE status = 'succeeded' AND claimed_by IS NULL AND updated_at = 3
                    AND finished_at = {T0.AddSeconds(1).ToUnixTimeMilliseconds()} AND json_extract(attempts, '$[0].responseBody') = 'ok "quoted" é'
                """));
    }

    [Fact]
    public void Execute_RowThatSqliteRefuses_ThrowsAndTheStatementStillWorks()
    {
        using var claim = new SqliteRunRowStatement(_connection, RunStore.ClaimSql);

        // owner is NOT NULL.
        Assert.Throws<SqliteException>(() => claim.Execute(Run("s1", 1, T0) with { Owner = null! }, null, 1));

        Assert.Equal(1, claim.Execute(Run("s1", 1, T0), null, 1));
    }

    [Fact]
    public void Execute_ManyRows_AllocatesAlmostNothingPerRow()
    {
        // Through SqliteCommand each row made a binder per parameter, a reader, boxed numbers and the attempts' text.
        // Here what is left is the serializer's own (172 bytes a row measured, claims and updates together).
        using var claim = new SqliteRunRowStatement(_connection, RunStore.ClaimSql);
        using var update = new SqliteRunRowStatement(_connection, RunStore.UpdateSql);
        var runs = Enumerable.Range(1, 1_100).Select(i => Run("s1", i, T0.AddSeconds(i))).ToArray();
        var attempt = new AttemptRecord(1, T0, 3.5, 200, 2, ErrorClass.None, null, null);
        var finished = runs.Select(r => r with { Status = RunStatus.Succeeded, FinishedAt = r.ScheduledAt, Attempts = [attempt] }).ToArray();
        using var transaction = _connection.BeginTransaction();
        for (var i = 0; i < 100; i++)
        {
            claim.Execute(runs[i], null, 1);
            update.Execute(finished[i], runs[i], 1);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < runs.Length; i++)
        {
            claim.Execute(runs[i], null, 1);
            update.Execute(finished[i], runs[i], 1);
        }

        var perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / 2_000.0;
        transaction.Commit();

        Assert.True(perRow < 400, $"{perRow} bytes per row");
    }
}
