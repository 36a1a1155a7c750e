using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansCron.History;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Run history in a <see cref="StoreDatabase"/>, engine-neutral. Claims and updates from every caller go through one
/// queue; a single writer takes everything queued (up to <see cref="MaxBatchRows"/> rows), writes it in one
/// transaction (one round trip where the driver batches statements) and commits once, and only then completes the
/// callers, so durability costs one commit per batch, and a claim is never reported that did not commit. Reads use
/// their own pooled connections and never wait for the writer.
/// </summary>
internal abstract partial class RunStore : IRunStore, IAsyncDisposable, IDisposable
{
    /// <summary>The most rows one batch (one transaction) takes.</summary>
    public const int MaxBatchRows = 1000;

    /// <summary>Below this many rows, the writer waits <see cref="GatherWindow"/> for more before it begins.</summary>
    public const int GatherBelowRows = 32;

    /// <summary>How long a small batch waits for company. Scheduled claims are made ahead of their instant (by
    /// 100 ms at least) and outcomes are on no send's path, so an on-time fire does not wait for it; a manual run, a
    /// retry or a buffered run starting is recorded before it is sent, and leaves up to this much later.</summary>
    public static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(2);

    private readonly StoreDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<RunWriteRequest> _queue =
        Channel.CreateUnbounded<RunWriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private DbConnection? _writerConnection;
    private (SqliteRunRowStatement Claim, SqliteRunRowStatement Update)? _rowStatements;
    private long _commitCount;
    private long _rowsCommitted;
    private long _batchesBegun;

    protected RunStore(StoreDatabase database, TimeProvider timeProvider, ILogger logger)
    {
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
        Meter.CreateObservableCounter("orleanscron.runs.commits", () => CommitCount, "{commit}", "Run writer commits (each one batch of claims and outcomes).");
        Meter.CreateObservableCounter("orleanscron.runs.rows_committed", () => RowsCommitted, "{row}", "Run rows written by committed batches (rows per commit: this over the commits).");
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The run writer's instruments, on the storage meter (<see cref="StoreDatabase.MeterName"/>): commits
    /// and the rows they wrote, to watch live with <c>dotnet-counters</c>.</summary>
    public Meter Meter { get; } = new(StoreDatabase.MeterName);

    /// <summary>Run rows written by committed batches.</summary>
    internal long RowsCommitted => Interlocked.Read(ref _rowsCommitted);

    /// <summary>Commits made by the writer so far (each holding one batch).</summary>
    internal long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Batches the writer has closed (taken all its rows) and begun to write.</summary>
    internal long BatchesBegun => Interlocked.Read(ref _batchesBegun);

    public Task<ImmutableArray<bool>> TryClaimAsync(ImmutableArray<RunRecord> runs, CancellationToken cancellationToken = default)
    {
        foreach (var run in runs.IsDefault ? [] : runs)
        {
            ArgumentNullException.ThrowIfNull(run);
        }

        return runs.IsDefaultOrEmpty ? Task.FromResult(ImmutableArray<bool>.Empty) : EnqueueAsync(RunWriteRequest.Claim(runs), cancellationToken);
    }

    public Task<ImmutableArray<bool>> TryUpdateAsync(ImmutableArray<RunChange> changes, CancellationToken cancellationToken = default)
    {
        foreach (var change in changes.IsDefault ? [] : changes)
        {
            ArgumentNullException.ThrowIfNull(change.From);
            ArgumentNullException.ThrowIfNull(change.To);
            if (change.From.ScheduleId != change.To.ScheduleId || change.From.Occurrence != change.To.Occurrence)
            {
                throw new ArgumentException("A change goes from a run to the same run.", nameof(changes));
            }
        }

        return changes.IsDefaultOrEmpty ? Task.FromResult(ImmutableArray<bool>.Empty) : EnqueueAsync(RunWriteRequest.Update(changes), cancellationToken);
    }

    /// <summary>Refuses new work, then waits until everything queued before has been committed (or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        Meter.Dispose();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        Meter.Dispose();
    }

    private Task<ImmutableArray<bool>> EnqueueAsync(RunWriteRequest request, CancellationToken cancellationToken)
    {
        // Cancellation is honoured only before the request is queued: once queued it may commit, and a caller
        // told "cancelled" about a claim that did commit would leave a run nobody drives.
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(GetType().Name, "The run store is shut down.");
        }

        return request.Completion.Task;
    }
}
