using Microsoft.Extensions.Logging.Abstractions;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class MigratorTests : IDisposable
{
    private static readonly string[] PersistenceKeys = ["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Load_Sqlite_ReturnsEmbeddedScriptsInVersionOrder()
    {
        var scripts = MigrationScripts.Load("Sqlite");

        Assert.Equal([1, 2, 3, 5, 6, 7, 8, 9], scripts.Select(s => s.Version));
        Assert.Equal(["orleans", "runs", "catalog", "target_links", "schedule_metrics", "runs_prune_by_instant", "reminder_range_window", "runs_instant_guard_by_time"], scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachScriptOnce()
    {
        await using var database = _file.Open();
        var migrator = NewMigrator(database);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(8, first);
        Assert.Equal(0, second);
        Assert.Equal(8, _file.Scalar("SELECT COUNT(*) FROM oc_schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_FourMigratorsAtOnceOnOneFile_AppliesEachScriptOnce()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => _file.Open()).ToArray();

        var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => NewMigrator(d).MigrateAsync())));

        Assert.Equal(8, applied.Sum());
        Assert.Equal(8, _file.Scalar("SELECT COUNT(*) FROM oc_schema_version"));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_Always_SetsWalModeOnTheFile()
    {
        await using var database = _file.Open();

        await NewMigrator(database).MigrateAsync();

        using var connection = _file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task MigrateAsync_Always_StoresEveryOrleansQueryKey()
    {
        await using var database = _file.Open();

        await NewMigrator(database).MigrateAsync();

        using var connection = _file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey";
        var keys = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(PersistenceKeys.Concat(ReminderKeys).Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task MigrateAsync_LaterScriptUpsertsQuery_ReplacesQueryText()
    {
        await using var database = _file.Open();
        var migrator = NewMigrator(database);
        await migrator.MigrateAsync();
        var fix = new MigrationScript(4, "fix", """
            INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', 'SELECT 42;')
            ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
            """);

        var applied = await migrator.MigrateAsync([.. MigrationScripts.Load("Sqlite"), fix]);

        Assert.Equal(1, applied);
        Assert.Equal(1, _file.Scalar("SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey = 'ReadReminderRowKey' AND QueryText = 'SELECT 42;'"));
    }

    [Fact]
    public async Task MigrateAsync_ScriptFails_RollsBackAndRecordsNothing()
    {
        await using var database = _file.Open();
        var broken = new MigrationScript(1, "broken", "CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;");

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => NewMigrator(database).MigrateAsync([broken]));

        Assert.Equal(0, _file.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('half_done', 'oc_schema_version')"));
    }

    private static Migrator NewMigrator(SqliteDatabase database) =>
        new(database.DataSource, SqliteMigrationDialect.Instance, TimeProvider.System, NullLogger<Migrator>.Instance);
}
