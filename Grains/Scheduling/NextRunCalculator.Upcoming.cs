using System.Collections.Immutable;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class NextRunCalculator
{
    /// <summary>
    /// The next <paramref name="count"/> instants after <paramref name="after"/>, each with its local time in
    /// <see cref="Zone"/> and how daylight saving affected it (fewer when the schedule runs out).
    /// </summary>
    /// <remarks>
    /// For cron schedules: <see cref="DstAdjustment.Moved"/> when the instant's wall-clock time does not match the
    /// expression (Cronos moved a time that did not exist to the end of the gap); <see cref="DstAdjustment.AfterSkip"/>
    /// when it does match but matching times were skipped by a gap since the previous instant (every 15 minutes
    /// across 02:00-03:00: 03:00 comes right after 01:45); <see cref="DstAdjustment.Ambiguous"/> when its wall-clock
    /// time happens twice that day (a fixed-time job then fires once, an interval-like one in both passes, each
    /// flagged). Interval and once instants are fixed in UTC and are never moved: they are only flagged
    /// <see cref="DstAdjustment.Ambiguous"/> when their local time happens twice.
    /// </remarks>
    public ImmutableArray<UpcomingFire> GetUpcoming(DateTimeOffset after, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var fires = ImmutableArray.CreateBuilder<UpcomingFire>(count);
        var previous = after;
        while (fires.Count < count && GetNextAfter(previous) is { } at)
        {
            var local = TimeZoneInfo.ConvertTime(at, Zone);
            fires.Add(new UpcomingFire(at, local, Classify(previous, at, local)));
            previous = at;
        }

        return fires.DrainToImmutable();
    }

    private DstAdjustment Classify(DateTimeOffset previous, DateTimeOffset at, DateTimeOffset local)
    {
        if (_cron is not null)
        {
            // Evaluating the expression in UTC on the wall-clock reading asks "does this local time match?".
            var wall = DateTime.SpecifyKind(local.DateTime, DateTimeKind.Utc);
            if (_cron.GetNextOccurrence(wall, inclusive: true) != wall)
            {
                return DstAdjustment.Moved;
            }

            if (GapSkippedMatches(previous, at))
            {
                return DstAdjustment.AfterSkip;
            }
        }

        return Zone.IsAmbiguousTime(local) ? DstAdjustment.Ambiguous : DstAdjustment.None;
    }

    /// <summary>True when the clocks jumped forward in (previous, at] and the jump skipped wall-clock times the expression matches.</summary>
    private bool GapSkippedMatches(DateTimeOffset previous, DateTimeOffset at)
    {
        var offsetBefore = Zone.GetUtcOffset(previous);
        var offsetAfter = Zone.GetUtcOffset(at);
        if (offsetAfter <= offsetBefore)
        {
            return false;
        }

        // Bisect to the first tick on the new offset: at most 64 steps, and only for instants that follow a jump.
        var lo = previous.UtcTicks;
        var hi = at.UtcTicks;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Zone.GetUtcOffset(new DateTimeOffset(mid, TimeSpan.Zero)) == offsetAfter)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        var gapStart = new DateTime(hi, DateTimeKind.Utc) + Zone.GetUtcOffset(new DateTimeOffset(lo, TimeSpan.Zero));
        var gapEnd = new DateTime(hi, DateTimeKind.Utc) + offsetAfter;
        return gapEnd > gapStart && _cron!.GetNextOccurrence(gapStart, inclusive: true) is { } match && match < gapEnd;
    }
}
