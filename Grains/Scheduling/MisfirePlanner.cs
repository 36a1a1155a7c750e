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
    /// <para>An instant is on time when <c>now - instant &lt;= grace</c>; later than that it is a misfire. Only the
    /// latest instant can fire as <see cref="RunTrigger.Schedule"/>: when several are overdue the older ones were
    /// superseded, whatever their lateness, and the policy alone says whether they fire.</para>
    /// <list type="bullet">
    /// <item>Nothing overdue: an empty plan.</item>
    /// <item>A single instant on time fires as <see cref="RunTrigger.Schedule"/> under every policy.</item>
    /// <item><see cref="MisfirePolicy.Skip"/>: the latest fires if it is on time; all others are missed.</item>
    /// <item><see cref="MisfirePolicy.FireOnce"/>: the latest fires (<see cref="RunTrigger.Schedule"/> if on time,
    /// else <see cref="RunTrigger.CatchUp"/>); all others are missed.</item>
    /// <item><see cref="MisfirePolicy.FireAll"/>: the most recent <paramref name="fireAllCap"/> fire oldest first as
    /// <see cref="RunTrigger.CatchUp"/>, the latest as <see cref="RunTrigger.Schedule"/> if on time; older ones are
    /// missed.</item>
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

        var latestOnTime = now - overdue[^1] <= (grace < TimeSpan.Zero ? TimeSpan.Zero : grace);
        var firing = policy switch
        {
            MisfirePolicy.Skip => latestOnTime ? 1 : 0,
            MisfirePolicy.FireOnce => 1,
            MisfirePolicy.FireAll => Math.Min(overdue.Length, fireAllCap),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown misfire policy."),
        };

        var missed = overdue[..^firing];
        var fires = ImmutableArray.CreateBuilder<PlannedFire>(firing);
        foreach (var instant in overdue[^firing..])
        {
            fires.Add(new PlannedFire(instant, RunTrigger.CatchUp));
        }

        if (latestOnTime && firing > 0)
        {
            fires[^1] = new PlannedFire(overdue[^1], RunTrigger.Schedule);
        }

        return new MisfirePlan([.. missed], fires.MoveToImmutable(), olderNotListed);
    }
}
