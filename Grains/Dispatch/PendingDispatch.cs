namespace OrleansCron.Dispatch;

/// <summary>An attempt between <c>Enqueue</c> and its send: waiting for its instant or for a free slot.</summary>
internal sealed class PendingDispatch(DispatchRequest request)
{
    private const int Waiting = 0;
    private const int Sending = 1;
    private const int Cancelled = 2;

    private int _state;

    public DispatchRequest Request { get; } = request;

    public bool IsCancelled => Volatile.Read(ref _state) == Cancelled;

    /// <summary>Wins the race against <see cref="TryCancel"/>: after this the attempt will be sent and reported.</summary>
    public bool TryStartSending() => Interlocked.CompareExchange(ref _state, Sending, Waiting) == Waiting;

    /// <summary>Wins the race against <see cref="TryStartSending"/>: the attempt will never be sent.</summary>
    public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;
}
