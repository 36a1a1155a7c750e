using System.Collections.Immutable;

namespace OrleansCron.Scheduling;

/// <summary>What to do with the overdue instants of a schedule (see <see cref="MisfirePlanner"/>).</summary>
/// <param name="Missed">Instants to record as missed, oldest first.</param>
/// <param name="Fires">Instants to fire, oldest first.</param>
/// <param name="UnrecordedMissed">Instants missed too long ago to have been listed: counted, never recorded one by one.</param>
internal sealed record MisfirePlan(ImmutableArray<DateTimeOffset> Missed, ImmutableArray<PlannedFire> Fires, long UnrecordedMissed)
{
    public static readonly MisfirePlan Empty = new([], [], 0);

    /// <summary>True when there is nothing to fire, record or count.</summary>
    public bool IsEmpty => Missed.IsEmpty && Fires.IsEmpty && UnrecordedMissed == 0;
}
