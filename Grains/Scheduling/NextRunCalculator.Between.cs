using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class NextRunCalculator
{
    /// <summary>
    /// The instants in (<paramref name="afterExclusive"/>, <paramref name="toInclusive"/>] inside the window: the
    /// most recent <c>buffer.Length</c> of them are written to <paramref name="buffer"/>, oldest first, and the
    /// older ones are only counted. Made for catching up after downtime without enumerating millions of instants.
    /// </summary>
    /// <remarks>
    /// Interval schedules are pure arithmetic: O(buffer.Length) whatever the range. Cron schedules step back from
    /// the end to find where the listed instants start (Cronos's backward search is only a hint: it disagrees with
    /// the forward one in DST gaps, so the listed instants always come from forward steps), then count the older
    /// ones with at most <see cref="ScheduleLimits.MaxCronCountSteps"/> forward steps and extrapolate beyond.
    /// </remarks>
    public RecentOccurrences GetBetween(DateTimeOffset afterExclusive, DateTimeOffset toInclusive, Span<DateTimeOffset> buffer)
    {
        var lower = afterExclusive.UtcTicks;
        if (_startAt is { } start && start.UtcTicks - 1 > lower)
        {
            lower = start.UtcTicks - 1;
        }

        var upper = toInclusive.UtcTicks;
        if (_endAt is { } end && end.UtcTicks - 1 < upper)
        {
            upper = end.UtcTicks - 1;
        }

        if (upper <= lower)
        {
            return default;
        }

        return Kind switch
        {
            ScheduleKind.Interval => IntervalBetween(lower, upper, buffer),
            ScheduleKind.Cron => CronBetween(new DateTime(lower, DateTimeKind.Utc), new DateTime(upper, DateTimeKind.Utc), buffer),
            _ => OnceBetween(lower, upper, buffer),
        };
    }

    private RecentOccurrences IntervalBetween(long lower, long upper, Span<DateTimeOffset> buffer)
    {
        var startTicks = _startAt!.Value.UtcTicks;
        if (upper < startTicks)
        {
            return default;
        }

        var first = lower < startTicks ? 0 : ((lower - startTicks) / _intervalTicks) + 1;
        var last = (upper - startTicks) / _intervalTicks;
        var total = last - first + 1;
        if (total <= 0)
        {
            return default;
        }

        var listed = (int)Math.Min(total, buffer.Length);
        for (var i = 0; i < listed; i++)
        {
            buffer[i] = IntervalInstant(last - listed + 1 + i)!.Value;
        }

        return new RecentOccurrences(listed, total - listed, false);
    }

    private RecentOccurrences OnceBetween(long lower, long upper, Span<DateTimeOffset> buffer)
    {
        if (_runAt is not { } runAt || runAt.UtcTicks <= lower || runAt.UtcTicks > upper)
        {
            return default;
        }

        if (buffer.IsEmpty)
        {
            return new RecentOccurrences(0, 1, false);
        }

        buffer[0] = runAt;
        return new RecentOccurrences(1, 0, false);
    }

    private RecentOccurrences CronBetween(DateTime lower, DateTime upper, Span<DateTimeOffset> buffer)
    {
        // Two spare steps absorb the instants Cronos's backward search reports differently around a DST gap.
        var from = StepBack(upper, buffer.Length + 2, lower);
        var seen = FillForward(from, upper, buffer);
        for (var round = 0; seen < buffer.Length && from > lower && round < 16; round++)
        {
            from = StepBack(from, (2 * (buffer.Length - seen)) + 2, lower);
            seen = FillForward(from, upper, buffer);
        }

        var listed = Math.Min(seen, buffer.Length);
        if (!buffer.IsEmpty && seen > buffer.Length)
        {
            // The buffer was used as a ring: put its oldest entry first.
            var oldest = seen % buffer.Length;
            buffer[..oldest].Reverse();
            buffer[oldest..].Reverse();
            buffer.Reverse();
        }

        var (older, estimated) = from > lower ? CountCron(lower, from) : (0L, false);
        return new RecentOccurrences(listed, older + (seen - listed), estimated);
    }

    /// <summary>An instant at or before the <paramref name="steps"/>-th cron instant before <paramref name="from"/>, and not before <paramref name="lower"/>.</summary>
    private DateTime StepBack(DateTime from, int steps, DateTime lower)
    {
        var at = from;
        for (var i = 0; i < steps; i++)
        {
            var previous = _cron!.GetPreviousOccurrence(at, Zone, inclusive: false);
            if (previous is not { } p || p <= lower)
            {
                return lower;
            }

            at = p;
        }

        return at;
    }

    /// <summary>Counts the instants in (from, upper] and keeps the last ones in <paramref name="ring"/> (slot = index mod length).</summary>
    private int FillForward(DateTime from, DateTime upper, Span<DateTimeOffset> ring)
    {
        var seen = 0;
        var at = from;
        while (_cron!.GetNextOccurrence(at, Zone, inclusive: false) is { } next && next <= upper)
        {
            if (!ring.IsEmpty)
            {
                ring[seen % ring.Length] = new DateTimeOffset(next, TimeSpan.Zero);
            }

            seen++;
            at = next;
        }

        return seen;
    }

    /// <summary>Counts the instants in (lower, upper], extrapolating linearly once the step budget is spent.</summary>
    private (long Count, bool Estimated) CountCron(DateTime lower, DateTime upper)
    {
        var count = 0L;
        var at = lower;
        while (_cron!.GetNextOccurrence(at, Zone, inclusive: false) is { } next && next <= upper)
        {
            if (count == ScheduleLimits.MaxCronCountSteps)
            {
                var rest = (double)(upper - at).Ticks / (at - lower).Ticks;
                return (count + Math.Max(1, (long)Math.Round(count * rest)), true);
            }

            count++;
            at = next;
        }

        return (count, false);
    }
}
