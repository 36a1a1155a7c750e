using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansCron.Dispatch;

/// <summary>
/// The silo-local sender. <see cref="Enqueue"/> only records the attempt (it runs inside a grain turn); a consumer
/// loop on the thread pool, outside any Orleans scheduler, sends up to <see cref="DispatchOptions.MaxConcurrency"/>
/// attempts at once through one shared <see cref="HttpMessageInvoker"/> and reports each outcome to the schedule grain.
/// Attempts claimed ahead of their instant wait in one queue, ordered by instant, behind a single timer: a timer per
/// attempt put hundreds of timers in the runtime's short timer list, which it walks on every expiry (13 % of the CPU
/// at 1,000 fires/s, measured). At their instant the timer's thread sends the first few itself (see
/// <see cref="TrySendHere"/>); the rest go through the consumer loop.
/// </summary>
internal sealed partial class HttpDispatcher : IDispatcher, IAsyncDisposable, IDisposable
{
    private const double MaxTimerMilliseconds = uint.MaxValue - 1d;

    // Sent from the hold timer's thread per release; the rest of a burst goes through the queue, whose consumer
    // starts each send as its own task, so that a burst is not written one request at a time on one thread.
    private const int MaxSentPerRelease = 8;

    private readonly ConcurrentDictionary<Guid, PendingDispatch> _pending = new();
    private readonly Channel<PendingDispatch> _ready = Channel.CreateUnbounded<PendingDispatch>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PriorityQueue<PendingDispatch, DateTimeOffset> _held = new();
    private readonly Lock _heldLock = new();
    private readonly ITimer _holdTimer;
    private readonly SemaphoreSlim _slots;
    private readonly HttpMessageInvoker _client;
    private readonly AttemptSender _sender;
    private readonly IAttemptReporter _reporter;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpDispatcher> _logger;
    private readonly Task _consumer;
    private DateTimeOffset _holdArmedFor = DateTimeOffset.MaxValue;
    private int _inFlight;
    private int _queued;
    private int _disposed;

    public HttpDispatcher(IOptions<DispatchOptions> options, IAttemptReporter reporter, TimeProvider timeProvider, ILogger<HttpDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _reporter = reporter;
        _timeProvider = timeProvider;
        _logger = logger;
        _slots = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
        _client = new HttpMessageInvoker(DispatchHandlerFactory.Create(settings), disposeHandler: true);
        _sender = new AttemptSender(_client, settings.ResponseBodyCaptureBytes, settings.MaxResponseBytes, timeProvider);

        // The singleton may be built inside a grain turn: start the loop and the hold timer clean, so that no grain's
        // request context or activity leaks into the sends and the reports.
        using (SuppressFlow())
        {
            _holdTimer = CreateHoldTimer(timeProvider);
            _consumer = Task.Run(ConsumeAsync);
        }
    }

    /// <summary>The hold timer: whether it has a thread of its own (on the system clock).</summary>
    internal bool HoldTimerHasOwnThread => _holdTimer is DedicatedThreadTimer;

    // On the system clock the hold timer has its own thread, which also sends what it releases (TrySendHere): a
    // released attempt is written without waiting in the thread pool's queue. Any other clock (a test's) runs its own
    // timers.
    private ITimer CreateHoldTimer(TimeProvider timeProvider)
    {
        TimerCallback callback = static state => ((HttpDispatcher)state!).OnHoldTimer();
        return timeProvider == TimeProvider.System
            ? new DedicatedThreadTimer(callback, this, "OrleansCron dispatch hold")
            : timeProvider.CreateTimer(callback, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Enqueue(DispatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Volatile.Read(ref _disposed) != 0)
        {
            LogDroppedAfterStop(_logger, request.ScheduleId, request.Occurrence, request.DispatchId);
            return;
        }

        var entry = new PendingDispatch(request);
        if (!_pending.TryAdd(request.DispatchId, entry))
        {
            LogDuplicate(_logger, request.ScheduleId, request.Occurrence, request.DispatchId);
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (request.NotBefore <= now)
        {
            MakeReady(entry);
            return;
        }

        // Claimed ahead: held until its instant.
        lock (_heldLock)
        {
            _held.Enqueue(entry, request.NotBefore);
            if (request.NotBefore < _holdArmedFor)
            {
                ArmHoldTimer(request.NotBefore, now);
            }
        }
    }

    public bool TryCancel(Guid dispatchId)
    {
        if (!_pending.TryGetValue(dispatchId, out var entry) || !entry.TryCancel())
        {
            return false;
        }

        // A held entry stays in the queue until its instant, and is dropped there.
        _pending.TryRemove(dispatchId, out _);
        LogCancelled(_logger, entry.Request.ScheduleId, entry.Request.Occurrence, dispatchId);
        return true;
    }

    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _timeProvider.TimestampFrequency);
        while (!IsIdle && _timeProvider.GetTimestamp() < deadline && !_stopping.IsCancellationRequested)
        {
            await Task.Delay(DrainPollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return IsIdle;
    }

    // Attempts waiting for their instant or a slot are in _pending (those released to the ready queue also count in
    // _queued until the consumer takes them); sent ones count in _inFlight until reported.
    private bool IsIdle => _pending.IsEmpty && Volatile.Read(ref _inFlight) == 0;

    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(20);

    public async ValueTask DisposeAsync()
    {
        if (!Stop())
        {
            return;
        }

        await _consumer.ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) != 0)
        {
            await _drained.Task.ConfigureAwait(false);
        }

        Release();
    }

    public void Dispose()
    {
        if (Stop())
        {
            // Without awaiting, sends still running finish against cancelled tokens and release nothing shared.
            _client.Dispose();
        }
    }

    private void OnHoldTimer()
    {
        List<PendingDispatch>? due = null;
        lock (_heldLock)
        {
            // Timers count whole milliseconds on a monotonic clock; never release before the wall-clock instant.
            var now = _timeProvider.GetUtcNow();
            while (_held.TryPeek(out var entry, out var notBefore) && notBefore <= now)
            {
                _held.Dequeue();
                (due ??= []).Add(entry);
            }

            _holdArmedFor = DateTimeOffset.MaxValue;
            if (_held.TryPeek(out _, out var next) && Volatile.Read(ref _disposed) == 0)
            {
                ArmHoldTimer(next, now);
            }
        }

        if (due is null)
        {
            return;
        }

        // The first few are sent from this thread; once one has to queue, the rest queue behind it, in order.
        var sendHere = Math.Min(due.Count, MaxSentPerRelease);
        var index = 0;
        while (index < sendHere && TrySendHere(due[index]))
        {
            index++;
        }

        for (; index < due.Count; index++)
        {
            MakeReady(due[index]);
        }
    }

    /// <summary>
    /// Starts the send of a released attempt on the hold timer's thread when nothing is queued before it and a slot
    /// is free: on a pooled connection the request is written before this returns, without the hops through the ready
    /// queue and a new task that a queued attempt takes (each a thread-pool wake-up, paid in lateness). True when the
    /// attempt is dealt with (sent, or cancelled before); false leaves it to the queue.
    /// </summary>
    private bool TrySendHere(PendingDispatch entry)
    {
        if (entry.IsCancelled)
        {
            return true;
        }

        try
        {
            if (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _queued) != 0 || !_slots.Wait(0))
            {
                return false;
            }

            if (StartSending(entry))
            {
                _ = RunAsync(entry.Request);
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile: the attempt stays claimed in the run store and is recovered after the restart.
        }

        return true;
    }

    /// <summary>Holding a slot: wins the attempt from <see cref="TryCancel"/> (false gives the slot back).</summary>
    private bool StartSending(PendingDispatch entry)
    {
        if (!entry.TryStartSending())
        {
            _slots.Release();
            return false;
        }

        // Counted in flight before it leaves _pending: a drain polling in between must not see the dispatcher idle.
        Interlocked.Increment(ref _inFlight);
        _pending.TryRemove(entry.Request.DispatchId, out _);
        return true;
    }

    // Under _heldLock. Rounded up so that the timer never fires early; capped at what a timer accepts (the callback
    // arms it again for the rest).
    private void ArmHoldTimer(DateTimeOffset instant, DateTimeOffset now)
    {
        _holdArmedFor = instant;
        var wait = TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling((instant - now).TotalMilliseconds), MaxTimerMilliseconds));
        try
        {
            _holdTimer.Change(wait, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopping: what is held stays claimed in the run store and is recovered after the restart.
        }
    }

    private void MakeReady(PendingDispatch entry)
    {
        if (entry.IsCancelled)
        {
            return;
        }

        Interlocked.Increment(ref _queued);
        if (!_ready.Writer.TryWrite(entry))
        {
            Interlocked.Decrement(ref _queued);
            _pending.TryRemove(entry.Request.DispatchId, out _);
        }
    }

    private bool Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _stopping.Cancel();
        _ready.Writer.TryComplete();
        lock (_heldLock)
        {
            _holdTimer.Dispose();
            _held.Clear();
        }

        return true;
    }

    private void Release()
    {
        _client.Dispose();
        _slots.Dispose();
        _stopping.Dispose();
    }

    private static AsyncFlowControl? SuppressFlow() =>
        ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
}
