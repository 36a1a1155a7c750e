using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansCron.Silo.Storage;
using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

/// <summary>PostgreSQL under the shared store tests: a fresh schema per test.</summary>
internal sealed class PostgresStoreEngine : StoreEngine
{
    private readonly List<IAsyncDisposable> _held = [];

    public PostgresTestDatabase Database { get; } = new();

    public override StoreDatabase Open() => new PostgresDatabase(Database.ConnectionString, NullLoggerFactory.Instance);

    public override RunStore NewRunStore(StoreDatabase database, TimeProvider timeProvider) =>
        new PostgresRunStore((PostgresDatabase)database, timeProvider, NullLogger<PostgresRunStore>.Instance);

    public override CatalogStore NewCatalogStore(StoreDatabase database, TimeProvider timeProvider) =>
        new PostgresCatalogStore((PostgresDatabase)database, timeProvider, NullLogger<PostgresCatalogStore>.Instance);

    public override long Scalar(string sql) => Database.Scalar(sql);

    public override long IndexCount(string name) =>
        Database.Scalar($"SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '{name}'");

    public override long IndexLeadsWith(string name, string column) =>
        Database.Scalar($"""
            SELECT count(*) FROM pg_index AS i
            JOIN pg_class AS c ON c.oid = i.indexrelid
            JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE c.relname = '{name}' AND c.relnamespace = current_schema()::regnamespace AND a.attname = '{column}'
            """);

    /// <summary>SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT and UPDATE takes.</summary>
    public override async Task<IAsyncDisposable> LockRunsAsync()
    {
        var connection = Database.Connect();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE oc_runs IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var held = new ReleaseOnce(async () =>
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
        _held.Add(held);
        return held;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var held in _held)
        {
            await held.DisposeAsync();
        }

        Database.Dispose();
    }
}
