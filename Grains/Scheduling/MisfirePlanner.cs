using System.Collections.Immutable;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Decides which overdue instants fire and which are recorded as missed.</summary>
internal static class MisfirePlanner
{
    /// <summary>
    /// Plans the overdue instants of a schedule: those due at or before <paramref name="now"/> and not yet claimed.
    /// </summary>
    /// <remarks>
    /// <para>An instant is on time when <c>now - instant &lt;= grace</c>: every on-time instant fires, oldest first, as
    /// <see cref="RunTrigger.Schedule"/> (late, but not a misfire; a short stall or handover loses nothing). Instants
    /// later than that are misfires, and the policy alone decides about them:</para>
    /// <list type="bullet">
    /// <item>Nothing overdue: an empty plan.</item>
    /// <item><see cref="MisfirePolicy.Skip"/>: every misfire is missed.</item>
    /// <item><see cref="MisfirePolicy.FireOnce"/>: when no instant is on time, the latest misfire fires once as a
    /// <see cref="RunTrigger.CatchUp"/>; every other misfire is missed.</item>
    /// <item><see cref="MisfirePolicy.FireAll"/>: the most recent <paramref name="fireAllCap"/> misfires fire oldest
    /// first as <see cref="RunTrigger.CatchUp"/>; older ones are missed.</item>
    /// <item><paramref name="olderNotListed"/> instants, older than all listed ones, are never fired or recorded
    /// one by one: they are counted in <see cref="MisfirePlan.UnrecordedMissed"/>.</item>
    /// </list>
    /// </remarks>
    /// <param name="overdue">The overdue instants that were listed, oldest first, all at or before <paramref name="now"/>.</param>
    /// <param name="olderNotListed">How many overdue instants, older than the listed ones, were only counted.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="grace">How late an instant may be and still be on time (negative counts as zero).</param>
    /// <param name="policy">The schedule's misfire policy.</param>
    /// <param name="fireAllCap">The most instants <see cref="MisfirePolicy.FireAll"/> fires (at least 1).</param>
    public static MisfirePlan Plan(
        ReadOnlySpan<DateTimeOffset> overdue,
        long olderNotListed,
        DateTimeOffset now,
        TimeSpan grace,
        MisfirePolicy policy,
        int fireAllCap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(olderNotListed);
        ArgumentOutOfRangeException.ThrowIfLessThan(fireAllCap, 1);
        if (overdue.IsEmpty)
        {
            return olderNotListed == 0 ? MisfirePlan.Empty : MisfirePlan.Empty with { UnrecordedMissed = olderNotListed };
        }

        // Overdue instants are sorted, so the ones still within the grace period are a suffix: they all fire, in
        // order, as scheduled (late, but not misfires). The policy decides about the older ones.
        var limit = grace < TimeSpan.Zero ? TimeSpan.Zero : grace;
        var onTime = 0;
        while (onTime < overdue.Length && now - overdue[overdue.Length - 1 - onTime] <= limit)
        {
            onTime++;
        }

        var misfired = overdue[..^onTime];
        var catchUps = policy switch
        {
            MisfirePolicy.Skip => 0,
            MisfirePolicy.FireOnce => onTime == 0 && !misfired.IsEmpty ? 1 : 0,
            MisfirePolicy.FireAll => Math.Min(misfired.Length, fireAllCap),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown misfire policy."),
        };

        var missed = misfired[..^catchUps];
        var fires = ImmutableArray.CreateBuilder<PlannedFire>(catchUps + onTime);
        foreach (var instant in misfired[^catchUps..])
        {
            fires.Add(new PlannedFire(instant, RunTrigger.CatchUp));
        }

        foreach (var instant in overdue[^onTime..])
        {
            fires.Add(new PlannedFire(instant, RunTrigger.Schedule));
        }

        return new MisfirePlan([.. missed], fires.MoveToImmutable(), olderNotListed);
    }
}
