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
}
