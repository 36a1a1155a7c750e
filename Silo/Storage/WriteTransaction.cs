using System.Data.Common;

namespace OrleansCron.Silo.Storage;

/// <summary>A write transaction and, on SQLite, this process's writer turn (see <see cref="SqliteWriteGate"/>), which
/// passes on once the transaction is disposed.</summary>
internal sealed class WriteTransaction(DbTransaction transaction, IDisposable? turn) : IAsyncDisposable
{
    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            turn?.Dispose();
        }
    }
}
