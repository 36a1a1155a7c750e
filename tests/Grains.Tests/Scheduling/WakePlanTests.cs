using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class WakePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    [InlineData(24 * 60, true)]
    public void Sleeps_OnlyWhenTheWakeUpIsMoreThanAPeriodAway(int minutes, bool sleeps) =>
        Assert.Equal(sleeps, WakePlan.Sleeps(Now.AddMinutes(minutes), Now, Period));

    [Theory]
    [InlineData(0.5, null)] // the timer's own callback comes long before Orleans' 15 idle minutes
    [InlineData(5, null)]
    [InlineData(6, 7)]
    [InlineData(20, 21)] // past the idle collection age: kept until the wake-up and a minute more
    [InlineData(30, 31)]
    [InlineData(31, null)] // asleep: the reminder brings it back
    public void KeepAlive_CoversAWaitTheTimerDoesNotAndStopsWhereSleepBegins(double minutes, int? keptMinutes) =>
        Assert.Equal(
            keptMinutes is { } kept ? TimeSpan.FromMinutes(kept) : null,
            WakePlan.KeepAlive(Now.AddMinutes(minutes), Now, Period));

    [Fact]
    public void KeepAliveFloor_IsWellInsideOrleansIdleCollectionAge() =>
        Assert.True(new Orleans.Configuration.GrainCollectionOptions().CollectionAge >= 2 * WakePlan.KeepAliveFloor);

    [Theory]
    [InlineData(30, 60)]
    [InlineData(1, 30)]
    [InlineData(0.05, 1.5)] // short periods (tests) aim half a period ahead
    public void AimLead_IsAMinuteOrHalfAPeriod(double periodMinutes, double leadSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(leadSeconds), WakePlan.AimLead(TimeSpan.FromMinutes(periodMinutes)));

    [Fact]
    public void AimDue_MakesTheFirstTickComeAMinuteBeforeTheWakeUp() =>
        Assert.Equal(TimeSpan.FromMinutes(119), WakePlan.AimDue(Now.AddHours(2), Now, Period));

    [Fact]
    public void AimDue_ApproachesAFarWakeUpInSteps() =>
        Assert.Equal(WakePlan.MaxAimDue, WakePlan.AimDue(Now.AddDays(90), Now, Period));

    [Theory]
    [InlineData(0, 0)] // the first tick is still ahead
    [InlineData(10, 30)] // between ticks: the next grid point
    [InlineData(30, 30)] // on a tick
    [InlineData(95, 120)]
    public void NextTick_IsTheFirstGridPointAtOrAfterNow(int minutesSinceStart, int nextTickMinutes)
    {
        var start = Now.AddMinutes(-minutesSinceStart);

        Assert.Equal(start.AddMinutes(nextTickMinutes), WakePlan.NextTick(start, Period, Now));
    }

    [Fact]
    public void NextTick_OfAFirstTickInTheFuture_IsThatTick() =>
        Assert.Equal(Now.AddHours(5), WakePlan.NextTick(Now.AddHours(5), Period, Now));

    [Theory]
    [InlineData(119, true)] // aimed: a minute before
    [InlineData(119.6, false)] // too close to the wake-up to come back in time
    [InlineData(90, true)] // within a period before: it comes back awake
    [InlineData(89, false)] // more than a period before: it would wake for nothing, and sleep again
    [InlineData(10, false)] // a plain periodic tick
    [InlineData(125, false)] // after the wake-up
    public void IsAimed_WhenTheTickComesBeforeTheWakeUpButWithinAPeriodOfIt(double tickMinutes, bool aimed) =>
        Assert.Equal(aimed, WakePlan.IsAimed(Now.AddMinutes(tickMinutes), Now.AddMinutes(120), Now, Period));

    [Fact]
    public void IsAimed_AcceptsAStepTowardsAWakeUpBeyondOneStep()
    {
        var wake = Now.AddDays(90);

        Assert.True(WakePlan.IsAimed(Now + WakePlan.MaxAimDue, wake, Now, Period));
        Assert.False(WakePlan.IsAimed(Now.AddDays(1), wake, Now, Period));
    }
}
