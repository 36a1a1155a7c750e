using Microsoft.Extensions.Logging.Abstractions;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>SQLite under the shared store tests: a file in a fresh temporary directory.</summary>
internal sealed class SqliteStoreEngine : StoreEngine
{
    public TempDatabase File { get; } = new();

    public override StoreDatabase Open() => File.Open();

    public override RunStore NewRunStore(StoreDatabase database, TimeProvider timeProvider) =>
        new SqliteRunStore((SqliteDatabase)database, timeProvider, NullLogger<SqliteRunStore>.Instance);

    public override CatalogStore NewCatalogStore(StoreDatabase database, TimeProvider timeProvider) =>
        new SqliteCatalogStore((SqliteDatabase)database, timeProvider, NullLogger<SqliteCatalogStore>.Instance);

    public override long Scalar(string sql) => File.Scalar(sql);

    public override long IndexCount(string name) =>
        File.Scalar($"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}'");

    public override long IndexLeadsWith(string name, string column) =>
        File.Scalar($"SELECT count(*) FROM pragma_index_info('{name}') WHERE seqno = 0 AND name = '{column}'");

    /// <summary>An immediate transaction holds the file's write lock.</summary>
    public override Task<IAsyncDisposable> LockRunsAsync()
    {
        var connection = File.Connect();
        var transaction = connection.BeginTransaction(deferred: false);
        return Task.FromResult<IAsyncDisposable>(new ReleaseOnce(async () =>
        {
            transaction.Commit();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }));
    }

    public override ValueTask DisposeAsync()
    {
        File.Dispose();
        return ValueTask.CompletedTask;
    }
}
