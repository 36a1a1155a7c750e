using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansCron.Dispatch;

/// <summary>
/// The silo-local sender. <see cref="Enqueue"/> only records the attempt (it runs inside a grain turn); a consumer
/// loop on the thread pool, outside any Orleans scheduler, sends up to <see cref="DispatchOptions.MaxConcurrency"/>
/// attempts at once through one shared <see cref="HttpClient"/> and reports each outcome to the schedule grain.
/// </summary>
internal sealed partial class HttpDispatcher : IDispatcher, IAsyncDisposable, IDisposable
{
    private const double MaxTimerMilliseconds = uint.MaxValue - 1d;

    private readonly ConcurrentDictionary<Guid, PendingDispatch> _pending = new();
    private readonly Channel<PendingDispatch> _ready = Channel.CreateUnbounded<PendingDispatch>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _slots;
    private readonly HttpClient _client;
    private readonly AttemptSender _sender;
    private readonly IAttemptReporter _reporter;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpDispatcher> _logger;
    private readonly Task _consumer;
    private int _inFlight;
    private int _disposed;

    public HttpDispatcher(IOptions<DispatchOptions> options, IAttemptReporter reporter, TimeProvider timeProvider, ILogger<HttpDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _reporter = reporter;
        _timeProvider = timeProvider;
        _logger = logger;
        _slots = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
        _client = new HttpClient(DispatchHandlerFactory.Create(settings), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _sender = new AttemptSender(_client, settings.ResponseBodyCaptureBytes, settings.MaxResponseBytes, timeProvider);

        // The singleton may be built inside a grain turn: start the loop clean, on the default scheduler.
        using (SuppressFlow())
        {
            _consumer = Task.Run(ConsumeAsync);
        }
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

        var wait = request.NotBefore - _timeProvider.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            MakeReady(entry);
            return;
        }

        // Claimed ahead: hold it until its instant. Flow is suppressed so that no grain's request context or
        // activity leaks into the send and the report.
        using (SuppressFlow())
        {
            entry.SetTimer(_timeProvider.CreateTimer(
                static state => ((ReadyCallback)state!).Invoke(), new ReadyCallback(this, entry), WholeMilliseconds(wait), Timeout.InfiniteTimeSpan));
        }
    }

    public bool TryCancel(Guid dispatchId)
    {
        if (!_pending.TryGetValue(dispatchId, out var entry) || !entry.TryCancel())
        {
            return false;
        }

        _pending.TryRemove(dispatchId, out _);
        entry.DisposeTimer();
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

    // Attempts waiting for their instant or a slot are in _pending; sent ones count in _inFlight until reported.
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

    private void OnNotBefore(PendingDispatch entry)
    {
        // Timers count whole milliseconds on a monotonic clock; never send before the wall-clock instant.
        var wait = entry.Request.NotBefore - _timeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero && entry.TryRearm(WholeMilliseconds(wait)))
        {
            return;
        }

        MakeReady(entry);
    }

    // Rounded up so that the timer never fires early; capped at what a timer accepts (OnNotBefore re-arms for the rest).
    private static TimeSpan WholeMilliseconds(TimeSpan wait) =>
        TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling(wait.TotalMilliseconds), MaxTimerMilliseconds));

    private void MakeReady(PendingDispatch entry)
    {
        if (!entry.IsCancelled && !_ready.Writer.TryWrite(entry))
        {
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
        foreach (var entry in _pending.Values)
        {
            entry.DisposeTimer();
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

    private sealed record ReadyCallback(HttpDispatcher Dispatcher, PendingDispatch Entry)
    {
        public void Invoke() => Dispatcher.OnNotBefore(Entry);
    }
}
