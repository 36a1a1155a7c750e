namespace OrleansCron.Silo.Storage;

/// <summary>
/// How many connections to the file this process holds open at once; an open beyond that waits, without holding a
/// thread, for one to close. Microsoft.Data.Sqlite's pool has no upper bound (Npgsql's, on the cluster, stops at
/// 100), and the Orleans providers open their connection before their command can take its turn at the
/// <see cref="SqliteWriteGate"/>, so every grain-state or reminder write waiting for its turn held an open connection
/// (file handles of its own: the file and its log). Measured after a burst of 100,000 one-off schedules, each
/// completing at once: ~10,000 writers waited, the process ran out of its 20,000 handles, and 117,206 writes failed
/// with "unable to open database file". Only one writer writes at a time anyway; bounded here, the rest wait before
/// they open. Nothing in this process opens a second connection while it holds one, so the bound cannot deadlock;
/// the connections kept open for a process's life (the run writer's, the checkpointer's) are opened outside it.
/// <para>Each of <see cref="SqliteDataSource"/>'s two lanes has a bound of its own (ours, and the Orleans
/// providers'), so that our stores' reads never queue behind the providers' crowd of writers.</para>
/// </summary>
internal sealed class SqliteOpenLimit
{
    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public SqliteOpenLimit(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        Max = max;
        _slots = new SemaphoreSlim(max, max);
    }

    /// <summary>The most connections open at once under this bound.</summary>
    public int Max { get; }

    /// <summary>Connections open now under this bound.</summary>
    public int Open => Max - _slots.CurrentCount;

    /// <summary>Opens waiting now for a connection to close.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits, without holding a thread, for a connection's place; <see cref="Exit"/> gives it back.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>The same for a synchronous open, which blocks its thread while it waits.</summary>
    public void Enter()
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            _slots.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Gives a connection's place back (once per enter).</summary>
    public void Exit() => _slots.Release();
}
