using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansCron.Scheduling;

/// <summary>
/// When a spent schedule records itself completed: after its own spread delay, and never more than
/// <see cref="SchedulingOptions.CompletionRate"/> a second in this silo. Completing is bookkeeping (grain state,
/// reminder, catalog: three writes, each a turn at the database), and after a burst of one-off schedules it competed
/// with the burst's own fires: scenario 5 at 100,000 took 27.7-29.5 s with completions 5 to 10 s after each fire, and
/// 19.5 s with them held back until after the burst, at 0.27 s of CPU per 1,000 fires against 0.38-0.40 (measured).
/// A schedule or two completes after its delay as before; a crowd is spread out at the rate, each completion a slot
/// of its own after the last one handed out (the slots of completions that did not happen stay empty).
/// </summary>
internal sealed class CompletionPacer
{
    private readonly TimeProvider _time;
    private readonly long _slotTicks;
    private readonly Lock _lock = new();
    private long _lastSlot = long.MinValue;

    public CompletionPacer(IOptions<SchedulingOptions> options, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _slotTicks = Math.Max(1, TimeSpan.TicksPerSecond / options.Value.CompletionRate);
    }

    /// <summary>How long from now a completion that wants to wait <paramref name="spread"/> waits: that, or until the
    /// next free slot at the rate if later.</summary>
    public TimeSpan Delay(TimeSpan spread)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var wanted = now + Math.Max(0, spread.Ticks);
        lock (_lock)
        {
            var slot = _lastSlot == long.MinValue ? wanted : Math.Max(wanted, _lastSlot + _slotTicks);
            _lastSlot = slot;
            return TimeSpan.FromTicks(slot - now);
        }
    }
}
