using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Turns the relative fields of a spec into instants, when the schedule is created or replaced.</summary>
internal static class ScheduleSpecResolver
{
    /// <summary>
    /// Fills what the spec leaves relative: a once schedule's <c>run_at</c> from <c>delay_seconds</c>, <c>end_at</c>
    /// from <c>duration_seconds</c> (counted from <c>start_at</c>, or from <paramref name="now"/>), an interval's
    /// missing <c>start_at</c> (its anchor) as <paramref name="now"/>, and an empty <c>time_zone</c> as UTC. Every
    /// instant is moved to UTC and truncated to whole milliseconds, as storage keeps them.
    /// </summary>
    /// <remarks>
    /// <c>delay_seconds</c> and <c>duration_seconds</c> stay as given, so they are echoed back. An absolute field that
    /// is already there wins over its relative one, so resolving a resolved spec again changes nothing. A relative
    /// field out of range is left unresolved, for <see cref="NextRunCalculator.TryCreate"/> to report by name.
    /// </remarks>
    public static ScheduleSpec Resolve(ScheduleSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        now = Truncate(now);
        var startAt = spec.StartAt is { } start ? Truncate(start) : (DateTimeOffset?)null;
        if (spec.Kind == ScheduleKind.Interval)
        {
            startAt ??= now;
        }

        var runAt = spec.RunAt is { } run ? Truncate(run) : (DateTimeOffset?)null;
        if (spec.Kind == ScheduleKind.Once && spec.DelaySeconds is { } delay && delay >= 0)
        {
            runAt ??= Add(now, delay);
        }

        var endAt = spec.EndAt is { } end ? Truncate(end) : (DateTimeOffset?)null;
        if (spec.DurationSeconds is { } duration && duration >= 1)
        {
            endAt ??= Add(startAt ?? now, duration);
        }

        return spec with
        {
            StartAt = startAt,
            RunAt = runAt,
            EndAt = endAt,
            TimeZone = string.IsNullOrWhiteSpace(spec.TimeZone) ? "UTC" : spec.TimeZone,
        };
    }

    private static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>The instant <paramref name="seconds"/> later, or null past the calendar's end or beyond the limit.</summary>
    private static DateTimeOffset? Add(DateTimeOffset instant, long seconds) =>
        seconds <= ScheduleLimits.MaxRelativeSeconds && seconds <= (DateTimeOffset.MaxValue.UtcTicks - instant.UtcTicks) / TimeSpan.TicksPerSecond
            ? instant.AddSeconds(seconds)
            : null;
}
