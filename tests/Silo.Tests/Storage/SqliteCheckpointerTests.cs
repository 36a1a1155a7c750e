namespace OrleansCron.Tests.Storage;

public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task PagesWrittenToTheLog_AreCopiedIntoTheFile_InTheBackground()
    {
        await using var database = _file.Open();
        await database.EnsureMigratedAsync();
        var fileBefore = new FileInfo(_file.FilePath).Length;

        // About 2 MB: under SQLite's own automatic threshold (1,000 pages), and no connection ever checkpoints here
        // anyway. This connection stays open, so the last close does not checkpoint either.
        await using var connection = await database.DataSource.OpenAsync(CancellationToken.None);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE ballast (b BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO ballast SELECT randomblob(4000) FROM n;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // Both: the file grows while the checkpoint runs, and it is counted only once it has returned.
        while ((new FileInfo(_file.FilePath).Length < fileBefore + 1_900_000 || database.Checkpointer.Checkpoints == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(_file.FilePath).Length >= fileBefore + 1_900_000, "the log was not copied into the file");
        Assert.True(database.Checkpointer.Checkpoints > 0);
    }

    [Fact]
    public async Task UnderAStreamOfCommits_WithReadersAlongside_TheLogStartsOverInsteadOfGrowing()
    {
        // Ticks every 20 ms, so that a short test writes many ticks' worth.
        await using var database = _file.Open(checkpointInterval: TimeSpan.FromMilliseconds(20));
        await database.EnsureMigratedAsync();
        await using var writer = await database.DataSource.OpenAsync(CancellationToken.None);
        await using (var setup = writer.CreateCommand())
        {
            setup.CommandText = """
                CREATE TABLE ballast (id INTEGER PRIMARY KEY, b BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                INSERT INTO ballast SELECT i, randomblob(4000) FROM n;
                """;
            await setup.ExecuteNonQueryAsync();
        }

        // Readers come and go all the time, as the API's and the providers' do. Writer and reader have threads of
        // their own, so that the checkpointer's ticks find the thread pool free.
        using var stop = new CancellationTokenSource();
        var readers = Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var reader = database.DataSource.Open();
                    using var read = reader.CreateCommand();
                    read.CommandText = "SELECT sum(length(b)) FROM ballast WHERE id % 7 = 0";
                    read.ExecuteScalar();
                }
            },
            TaskCreationOptions.LongRunning);

        // Small commits, each begun as soon as the last one ended, as the run store writes claims and outcomes under
        // load, until the checkpointer has restarted the log three times and 200 more commits have gone in (cutting the
        // log back is the next commit's work), for at most 30 s. Each writes at least one 4 KB page to the log, which
        // would hold all of them if it never started over: a log past 256 MB ends the loop (a failure, asserted
        // below). The bound is time and size, not a number of commits: a fast disk made 40,000 commits in under 2 s,
        // before the 20 ms ticks had had their chance to restart the log three times.
        const long MaxLog = 256L << 20;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var commits = 0;
        var (longestLog, shrinks) = await Task.Factory.StartNew(
            () =>
            {
                long longest = 0, last = 0;
                var shrank = 0;
                using var update = writer.CreateCommand();
                update.CommandText = "UPDATE ballast SET b = randomblob(4000) WHERE id = $id";
                var id = update.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
                var after = 200;
                for (var i = 0; last < MaxLog && (database.Checkpointer.Restarts < 3 || after-- > 0) && DateTime.UtcNow < deadline; i++)
                {
                    commits++;
                    id.Value = i * 7919 % 2000 + 1;
                    var write = database.BeginWriteAsync(writer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    try
                    {
                        update.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)write.Transaction;
                        update.ExecuteNonQuery();
                        write.Transaction.Commit();
                    }
                    finally
                    {
                        write.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    }
                    if (i % 100 == 0)
                    {
                        var length = LogLength();
                        shrank += length < last ? 1 : 0;
                        longest = Math.Max(longest, length);
                        last = length;
                    }
                }

                return (longest, shrank);
            },
            TaskCreationOptions.LongRunning);

        await stop.CancelAsync();
        await readers;

        // Restarted while the commits went on, the log either never grew past the 16 MB it is cut back to, or was seen
        // cut back (how far it gets between restarts depends on how fast the disk syncs).
        Assert.True(database.Checkpointer.Restarts >= 3, $"the log was restarted {database.Checkpointer.Restarts} time(s) in {commits} commits");
        Assert.True(
            longestLog <= 20 << 20 || shrinks >= 1,
            $"the log grew to {longestLog >> 20} MB of the {commits * 4096L >> 20} MB written and was never cut back ({database.Checkpointer.Restarts} restarts)");
    }

    private long LogLength()
    {
        var log = new FileInfo(_file.FilePath + "-wal");
        return log.Exists ? log.Length : 0;
    }
}
