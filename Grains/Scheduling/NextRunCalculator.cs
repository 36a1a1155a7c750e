using Cronos;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>
/// The instants of one resolved <see cref="ScheduleSpec"/>: pure math over UTC instants, with the parsed cron
/// expression and the time zone cached. Built only by <see cref="TryCreate"/>, so every instance is valid.
/// </summary>
/// <remarks>
/// Instants lie in the window [<see cref="ScheduleSpec.StartAt"/>, <see cref="ScheduleSpec.EndAt"/>).
/// Interval instants are <c>StartAt + k * IntervalSeconds</c> for k &gt;= 0. Cron instants are Cronos's, in the
/// spec's zone: a wall-clock time skipped by a spring-forward gap fires once at the end of the gap; in a
/// fall-back overlap a fixed-time job fires once (in the first, daylight, pass) while interval-like fields
/// (<c>*/15</c> minutes, every hour) fire in both passes. A once schedule has the single instant
/// <see cref="ScheduleSpec.RunAt"/>.
/// </remarks>
internal sealed partial class NextRunCalculator
{
    private readonly CronExpression? _cron;
    private readonly long _intervalTicks;
    private readonly DateTimeOffset? _startAt;
    private readonly DateTimeOffset? _endAt;
    private readonly DateTimeOffset? _runAt;

    private NextRunCalculator(ScheduleSpec spec, TimeZoneInfo zone, CronExpression? cron)
    {
        Kind = spec.Kind;
        Zone = zone;
        _cron = cron;
        _intervalTicks = (spec.IntervalSeconds ?? 0) * TimeSpan.TicksPerSecond;
        _startAt = spec.StartAt?.ToUniversalTime();
        _endAt = spec.EndAt?.ToUniversalTime();
        _runAt = spec.RunAt?.ToUniversalTime();
    }

    public ScheduleKind Kind { get; }

    /// <summary>The zone cron expressions are evaluated in, and local times are shown in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// The first instant strictly after <paramref name="after"/> inside the window, in UTC; null when there is
    /// none (the window is over, the once instant has passed, or the expression has no later date).
    /// </summary>
    /// <remarks>Called on every fire: allocates nothing.</remarks>
    public DateTimeOffset? GetNextAfter(DateTimeOffset after)
    {
        var next = Kind switch
        {
            ScheduleKind.Interval => NextInterval(after.UtcTicks),
            ScheduleKind.Cron => NextCron(after),
            _ => _runAt > after ? _runAt : null,
        };
        return next is { } instant && _endAt is { } end && instant >= end ? null : next;
    }

    private DateTimeOffset? NextInterval(long afterTicks)
    {
        var startTicks = _startAt!.Value.UtcTicks;
        var k = afterTicks < startTicks ? 0 : ((afterTicks - startTicks) / _intervalTicks) + 1;
        return IntervalInstant(k);
    }

    /// <summary>The k-th interval instant, or null past <see cref="DateTimeOffset.MaxValue"/>.</summary>
    private DateTimeOffset? IntervalInstant(long k)
    {
        var startTicks = _startAt!.Value.UtcTicks;

        // k * interval cannot overflow: k is at most (max ticks / interval) + 1 and the interval is at most ten years.
        var offset = k * _intervalTicks;
        return offset > DateTimeOffset.MaxValue.UtcTicks - startTicks ? null : new DateTimeOffset(startTicks + offset, TimeSpan.Zero);
    }

    private DateTimeOffset? NextCron(DateTimeOffset after)
    {
        // Cronos rounds a sub-second start up to the next whole second, so an inclusive search from StartAt
        // never returns an instant before it.
        var next = _startAt is { } start && after < start
            ? _cron!.GetNextOccurrence(start.UtcDateTime, Zone, inclusive: true)
            : _cron!.GetNextOccurrence(after.UtcDateTime, Zone, inclusive: false);
        return next is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }
}
