namespace OrleansCron.Tests.Storage;

/// <summary>Runs its release once, however often it is disposed.</summary>
internal sealed class ReleaseOnce(Func<Task> release) : IAsyncDisposable
{
    private int _released;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await release();
        }
    }
}
