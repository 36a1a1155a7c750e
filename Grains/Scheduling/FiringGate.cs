using Microsoft.Extensions.DependencyInjection;

namespace OrleansCron.Scheduling;

/// <summary>
/// Whether this silo takes new fires. Closed when the silo begins a graceful stop: schedules then claim
/// nothing new and send no new attempt, so the dispatcher can drain what is already out; whatever comes due
/// meanwhile is handled after the restart by the misfire policy, and waiting retries resume from the store.
/// Grains enter the gate around each claim-and-hand-over, so that the drain starts only once no grain is
/// between committing a claim and handing its attempt to the dispatcher. Shutdown is silo infrastructure, so it
/// waits on the silo's own clock, not the grains' (which tests replace with a fake).
/// </summary>
internal sealed class FiringGate([FromKeyedServices(TimeProviderNames.SystemTimers)] TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private volatile bool _closed;
    private int _inside;

    public bool IsOpen => !_closed;

    /// <summary>False when the gate is closed; otherwise the caller must call <see cref="Exit"/> when done.</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _inside);
        if (!_closed)
        {
            return true;
        }

        Exit();
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inside);

    public void Close() => _closed = true;

    /// <summary>Waits until no grain is inside, or until <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilEmptyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (Volatile.Read(ref _inside) > 0 && time.GetTimestamp() < deadline)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return Volatile.Read(ref _inside) == 0;
    }
}
