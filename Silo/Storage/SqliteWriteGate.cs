namespace OrleansCron.Silo.Storage;

/// <summary>
/// This process's writers to the SQLite file take turns here, in order, before they reach for the file's one write
/// lock. A writer that meets SQLite's lock taken can only wait inside the statement, on its thread (see
/// <see cref="SqliteBusyWait"/>): measured while creating schedules, four thread-pool threads at once sat in that
/// wait, each a grain-state write behind another writer, on a machine with two cores. Waiting for a turn instead
/// holds no thread, and the turns go in arrival order, so a steady stream of run batches cannot starve a grain-state
/// or reminder write. Another process (or this one's checkpointer) can still hold the lock; then the writer whose
/// turn it is waits in the busy handler as before.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _turns = new(1, 1);
    private long _waited;

    /// <summary>Turns that had to wait for another writer (for tests and diagnostics).</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>Waits, without holding a thread, until it is this writer's turn; disposing the turn passes it on.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_turns.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waited);
            await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Turn(_turns);
    }

    /// <summary>The same for a synchronous caller, which blocks its thread while it waits.</summary>
    public IDisposable Enter()
    {
        if (!_turns.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waited);
            _turns.Wait();
        }

        return new Turn(_turns);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
