namespace OrleansCron.Silo.Storage;

/// <summary>
/// A background loop that runs one piece of work every period, counted from construction, until disposed. A failed
/// run is handed to <c>onFailure</c> and the loop goes on; disposing waits for a run under way. Whoever owns it makes
/// any last run itself, after disposing it.
/// </summary>
internal sealed class PeriodicWork : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _work;
    private readonly Action<Exception> _onFailure;
    private readonly CancellationTokenSource _stopping = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public PeriodicWork(TimeSpan period, TimeProvider timeProvider, Func<CancellationToken, Task> work, Action<Exception> onFailure)
    {
        _work = work;
        _onFailure = onFailure;

        // Created here, not in the loop, so that the first period starts now whatever the thread pool does.
        _timer = new PeriodicTimer(period, timeProvider);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Whether disposing has begun.</summary>
    public bool IsStopped => _stopping.IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await _work(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _onFailure(ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
