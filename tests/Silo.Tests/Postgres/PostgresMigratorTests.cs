using Microsoft.Extensions.Logging.Abstractions;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Postgres;

public sealed class PostgresMigratorTests : IDisposable
{
    private static readonly string[] QueryKeys =
    [
        "ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
    ];

    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Load_Postgres_ReturnsEmbeddedScriptsInVersionOrder()
    {
        var scripts = MigrationScripts.Load("Postgres");

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], scripts.Select(s => s.Version));
        Assert.Equal(["orleans", "runs", "catalog", "clustering", "target_links", "schedule_metrics", "runs_prune_by_instant", "reminder_range_window", "runs_instant_guard_by_time"], scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachScriptOnce()
    {
        await using var database = Open();
        var migrator = NewMigrator(database);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(9, first);
        Assert.Equal(0, second);
        Assert.Equal(9, _database.Scalar("SELECT COUNT(*) FROM oc_schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_FourMigratorsAtOnce_AppliesEachScriptOnce()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();

        var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => NewMigrator(d).MigrateAsync())));

        Assert.Equal(9, applied.Sum());
        Assert.Equal(9, _database.Scalar("SELECT COUNT(*) FROM oc_schema_version"));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_Always_StoresEveryOrleansQueryKey()
    {
        await using var database = Open();

        await NewMigrator(database).MigrateAsync();

        await using var connection = _database.Connect();
        await using var command = new Npgsql.NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task MigrateAsync_ScriptFails_RollsBackAndRecordsNothing()
    {
        await using var database = Open();
        var broken = new MigrationScript(1, "broken", "CREATE TABLE half_done (id integer); SELECT * FROM no_such_table;");

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => NewMigrator(database).MigrateAsync([broken]));

        Assert.Equal(0, _database.Scalar(
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{_database.Schema}' AND table_name IN ('half_done', 'oc_schema_version')"));
    }

    private PostgresDatabase Open() => new(_database.ConnectionString, NullLoggerFactory.Instance);

    private static Migrator NewMigrator(PostgresDatabase database) =>
        new(database.DataSource, PostgresMigrationDialect.Instance, TimeProvider.System, NullLogger<Migrator>.Instance);
}
