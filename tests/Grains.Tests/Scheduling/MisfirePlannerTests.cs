using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed class MisfirePlannerTests
{
    private static readonly DateTimeOffset Now = At("2024-01-01T12:00:00Z");
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    [Theory]
    // Nothing overdue
    [InlineData(MisfirePolicy.Skip, "", 10, "", "")]
    [InlineData(MisfirePolicy.FireAll, "", 10, "", "")]
    // One instant on time fires as scheduled under every policy
    [InlineData(MisfirePolicy.Skip, "11:59:30", 10, "", "11:59:30/S")]
    [InlineData(MisfirePolicy.FireOnce, "11:59:30", 10, "", "11:59:30/S")]
    [InlineData(MisfirePolicy.FireAll, "11:59:30", 10, "", "11:59:30/S")]
    // Grace boundary: exactly the grace is on time, a millisecond more is late
    [InlineData(MisfirePolicy.Skip, "11:59:00", 10, "", "11:59:00/S")]
    [InlineData(MisfirePolicy.Skip, "11:58:59.999", 10, "11:58:59.999", "")]
    [InlineData(MisfirePolicy.FireOnce, "11:58:59.999", 10, "", "11:58:59.999/C")]
    // Several on time (a short stall or handover): all fire as scheduled, under every policy
    [InlineData(MisfirePolicy.Skip, "11:59:10 11:59:20 11:59:30", 10, "", "11:59:10/S 11:59:20/S 11:59:30/S")]
    [InlineData(MisfirePolicy.FireOnce, "11:59:10 11:59:20 11:59:30", 10, "", "11:59:10/S 11:59:20/S 11:59:30/S")]
    [InlineData(MisfirePolicy.FireAll, "11:59:10 11:59:20 11:59:30", 10, "", "11:59:10/S 11:59:20/S 11:59:30/S")]
    // Skip: every misfire is missed
    [InlineData(MisfirePolicy.Skip, "11:50 11:55 11:59:30", 10, "11:50 11:55", "11:59:30/S")]
    [InlineData(MisfirePolicy.Skip, "11:50 11:55", 10, "11:50 11:55", "")]
    // FireOnce: the latest misfire as a catch-up, only when nothing is on time
    [InlineData(MisfirePolicy.FireOnce, "11:50 11:55 11:59:30", 10, "11:50 11:55", "11:59:30/S")]
    [InlineData(MisfirePolicy.FireOnce, "11:50 11:55", 10, "11:50", "11:55/C")]
    [InlineData(MisfirePolicy.FireOnce, "10:00", 10, "", "10:00/C")]
    // FireAll: misfires oldest first as catch-ups, then the on-time ones as scheduled
    [InlineData(MisfirePolicy.FireAll, "11:50 11:55 11:59:30", 10, "", "11:50/C 11:55/C 11:59:30/S")]
    [InlineData(MisfirePolicy.FireAll, "11:50 11:55", 10, "", "11:50/C 11:55/C")]
    // FireAll over the cap: the most recent misfires fire, older ones are missed; the cap counts catch-ups only
    [InlineData(MisfirePolicy.FireAll, "11:00 11:10 11:20 11:30 11:59:30", 2, "11:00 11:10", "11:20/C 11:30/C 11:59:30/S")]
    [InlineData(MisfirePolicy.FireAll, "11:00 11:10 11:20", 1, "11:00 11:10", "11:20/C")]
    public void Plan_Policy_SplitsFiresAndMissed(MisfirePolicy policy, string overdue, int cap, string expectedMissed, string expectedFires)
    {
        var instants = Parse(overdue);

        var plan = MisfirePlanner.Plan(instants, 0, Now, Grace, policy, cap);

        Assert.Equal(Parse(expectedMissed), plan.Missed);
        Assert.Equal(ParseFires(expectedFires), plan.Fires);
        Assert.Equal(0, plan.UnrecordedMissed);
    }

    [Theory]
    [InlineData(MisfirePolicy.Skip)]
    [InlineData(MisfirePolicy.FireOnce)]
    [InlineData(MisfirePolicy.FireAll)]
    public void Plan_OlderNotListed_CountsThemUnrecorded(MisfirePolicy policy)
    {
        var instants = Parse("11:58:00 11:59:30");

        var plan = MisfirePlanner.Plan(instants, 604_798, Now, Grace, policy, 100);

        Assert.Equal(604_798, plan.UnrecordedMissed);
        Assert.Equal(At("2024-01-01T11:59:30Z"), plan.Fires[^1].ScheduledAt);
        Assert.Equal(2, plan.Missed.Length + plan.Fires.Length);
    }

    [Fact]
    public void Plan_NothingOverdue_ReturnsEmptyPlan()
    {
        var plan = MisfirePlanner.Plan([], 0, Now, Grace, MisfirePolicy.FireAll, 100);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Plan_ZeroGrace_OnlyTheExactInstantIsOnTime()
    {
        var instants = Parse("12:00");

        var plan = MisfirePlanner.Plan(instants, 0, Now, TimeSpan.Zero, MisfirePolicy.Skip, 100);

        Assert.Equal(new[] { new PlannedFire(Now, RunTrigger.Schedule) }, plan.Fires);
    }

    [Fact]
    public void Plan_CapBelowOne_Throws()
    {
        var instants = Parse("11:59");

        Assert.Throws<ArgumentOutOfRangeException>(() => MisfirePlanner.Plan(instants, 0, Now, Grace, MisfirePolicy.FireAll, 0));
    }

    private static DateTimeOffset[] Parse(string times) =>
        [.. times.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => At($"2024-01-01T{t}Z"))];

    private static PlannedFire[] ParseFires(string fires) =>
        [.. fires.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('/')).Select(p =>
            new PlannedFire(At($"2024-01-01T{p[0]}Z"), p[1] == "S" ? RunTrigger.Schedule : RunTrigger.CatchUp))];
}
