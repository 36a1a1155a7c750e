using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.History;

/// <summary>A schedule's firing position as the run store knows it.</summary>
/// <param name="LastOccurrence">The highest occurrence number claimed (0 when none).</param>
/// <param name="LastScheduledAt">The latest scheduled instant claimed by a non-manual run, or null.</param>
/// <param name="LastRun">The run with the highest occurrence number, or null.</param>
/// <param name="Unfinished">Every run of the schedule that is not final (pending or running), by occurrence.</param>
internal sealed record ScheduleRunState(
    long LastOccurrence,
    DateTimeOffset? LastScheduledAt,
    RunRecord? LastRun,
    ImmutableArray<RunRecord> Unfinished)
{
    public static readonly ScheduleRunState Empty = new(0, null, null, []);
}
