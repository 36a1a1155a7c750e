namespace OrleansCron.Dispatch;

/// <summary>An attempt between <c>Enqueue</c> and its send: waiting for its instant or for a free slot.</summary>
internal sealed class PendingDispatch(DispatchRequest request)
{
    private const int Waiting = 0;
    private const int Sending = 1;
    private const int Cancelled = 2;

    private int _state;
    private ITimer? _timer;

    public DispatchRequest Request { get; } = request;

    public bool IsCancelled => Volatile.Read(ref _state) == Cancelled;

    /// <summary>Holds the claim-ahead timer so that a cancel or the send can release it.</summary>
    public void SetTimer(ITimer timer) => Volatile.Write(ref _timer, timer);

    /// <summary>Wins the race against <see cref="TryCancel"/>: after this the attempt will be sent and reported.</summary>
    public bool TryStartSending() => Interlocked.CompareExchange(ref _state, Sending, Waiting) == Waiting;

    /// <summary>Wins the race against <see cref="TryStartSending"/>: the attempt will never be sent.</summary>
    public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;

    /// <summary>Fires the claim-ahead timer again after <paramref name="wait"/>; false when it is gone.</summary>
    public bool TryRearm(TimeSpan wait) => Volatile.Read(ref _timer)?.Change(wait, Timeout.InfiniteTimeSpan) ?? false;

    public void DisposeTimer() => Interlocked.Exchange(ref _timer, null)?.Dispose();
}
