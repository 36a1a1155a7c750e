using System.Globalization;
using OrleansCron.Bench.Plans;

namespace OrleansCron.Bench.Floor;

/// <summary>
/// One schedule of the floor: a one-shot .NET timer aimed at the next due instant, re-armed after each send, as
/// the service does, but with nothing claimed, stored or retried.
/// </summary>
internal sealed class FloorSchedule : IDisposable
{
    private readonly FloorSender _sender;
    private readonly Cohort _cohort;
    private readonly int _index;
    private readonly long _toMs;
    private readonly string _id;
    private readonly Timer _timer;
    private long _next;

    public FloorSchedule(FloorSender sender, int cohortNumber, Cohort cohort, int index, long firstMs, long toMs)
    {
        _sender = sender;
        _cohort = cohort;
        _index = index;
        _toMs = toMs;
        _next = firstMs;
        _id = string.Create(CultureInfo.InvariantCulture, $"f{cohortNumber}.{index}");
        _timer = new Timer(static state => ((FloorSchedule)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Arm() => _timer.Change(Math.Max(0, _next - NowMs()), Timeout.Infinite);

    private void Fire()
    {
        var now = NowMs();
        if (now < _next)
        {
            // .NET timers may wake a little early; aim again rather than send before the due instant.
            _timer.Change(_next - now, Timeout.Infinite);
            return;
        }

        _sender.Send(_id, _next);
        if (_cohort.FirstAtOrAfter(_index, _next + 1) is { } following && following < _toMs)
        {
            _next = following;
            Arm();
        }
        else
        {
            _sender.ScheduleDone();
        }
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Dispose() => _timer.Dispose();
}
