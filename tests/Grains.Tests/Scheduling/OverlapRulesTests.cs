using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class OverlapRulesTests
{
    [Theory]
    // Nothing running: fire, whatever the policy
    [InlineData(OverlapPolicy.Skip, 0, false, nameof(OverlapDecision.Fire))]
    [InlineData(OverlapPolicy.BufferOne, 0, false, nameof(OverlapDecision.Fire))]
    [InlineData(OverlapPolicy.Allow, 0, false, nameof(OverlapDecision.Fire))]
    // Skip
    [InlineData(OverlapPolicy.Skip, 1, false, nameof(OverlapDecision.Skip))]
    [InlineData(OverlapPolicy.Skip, 3, true, nameof(OverlapDecision.Skip))]
    // BufferOne: one waits, further ones are skipped
    [InlineData(OverlapPolicy.BufferOne, 1, false, nameof(OverlapDecision.Buffer))]
    [InlineData(OverlapPolicy.BufferOne, 1, true, nameof(OverlapDecision.Skip))]
    // Allow
    [InlineData(OverlapPolicy.Allow, 1, false, nameof(OverlapDecision.Fire))]
    [InlineData(OverlapPolicy.Allow, 5, false, nameof(OverlapDecision.Fire))]
    public void Decide_PolicyAndRunningState_ReturnsDecision(OverlapPolicy policy, int running, bool buffered, string expected)
    {
        var decision = OverlapRules.Decide(policy, running, buffered);

        Assert.Equal(Enum.Parse<OverlapDecision>(expected), decision);
    }

    [Theory]
    [InlineData(OverlapPolicy.Skip, 1, nameof(OverlapDecision.JoinBacklog))]
    [InlineData(OverlapPolicy.Skip, 0, nameof(OverlapDecision.JoinBacklog))]
    [InlineData(OverlapPolicy.BufferOne, 1, nameof(OverlapDecision.JoinBacklog))]
    [InlineData(OverlapPolicy.Allow, 1, nameof(OverlapDecision.Fire))]
    public void Decide_WhileCatchingUp_JoinsTheBacklogUnlessAllowed(OverlapPolicy policy, int running, string expected)
    {
        var decision = OverlapRules.Decide(policy, running, hasBuffered: true, catchingUp: true);

        Assert.Equal(Enum.Parse<OverlapDecision>(expected), decision);
    }

    [Theory]
    // backlog  oldest queued (s ago)  grace (s)  catching up
    [InlineData(0, 1, 60, false)]
    [InlineData(1, 1, 60, true)]
    [InlineData(5, 60, 60, true)]
    [InlineData(5, 61, 60, false)]
    [InlineData(3, 0, 0, true)]
    [InlineData(3, 1, -5, false)]
    [InlineData(OverlapRules.MaxBacklog - 1, 1, 60, true)]
    [InlineData(OverlapRules.MaxBacklog, 1, 60, false)]
    public void IsCatchingUp_HoldsOnlyForAQueuedBacklogWithinGrace(int backlog, int oldestSecondsAgo, int graceSeconds, bool expected)
    {
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        var catchingUp = OverlapRules.IsCatchingUp(backlog, now.AddSeconds(-oldestSecondsAgo), now, TimeSpan.FromSeconds(graceSeconds));

        Assert.Equal(expected, catchingUp);
    }

    [Theory]
    // attempts as (sent, seconds after the instant; took, ms) → busy until (seconds after the instant)
    [InlineData(new[] { 5.0 }, new[] { 1500.0 }, 1.5)]
    [InlineData(new[] { 0.0 }, new[] { 200.0 }, 0.2)]
    [InlineData(new[] { 5.0, 8.0 }, new[] { 1000.0, 500.0 }, 3.5)]
    [InlineData(new[] { 3.0 }, new[] { -10.0 }, 0.0)]
    public void BusyUntilIfOnTime_IsTheInstantPlusTheTimeItsAttemptsTook(double[] sentAfter, double[] tookMs, double expected)
    {
        var instant = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var attempts = sentAfter.Select((sent, i) => new AttemptRecord(i + 1, instant.AddSeconds(sent), tookMs[i], 200, 0, ErrorClass.None, null, null));
        var run = Run(instant) with { Attempts = [.. attempts], FinishedAt = instant.AddMinutes(5) };

        Assert.Equal(instant.AddSeconds(expected), OverlapRules.BusyUntilIfOnTime(run));
    }

    [Fact]
    public void BusyUntilIfOnTime_AttemptsCutOffByACrash_DoNotCount()
    {
        var instant = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var cutOff = new AttemptRecord(1, instant, 0, null, null, ErrorClass.Interrupted, "cut off", null);
        var again = new AttemptRecord(2, instant.AddSeconds(8), 250, 200, 0, ErrorClass.None, null, null);

        Assert.Equal(instant.AddMilliseconds(250), OverlapRules.BusyUntilIfOnTime(Run(instant) with { Attempts = [cutOff, again] }));
        Assert.Null(OverlapRules.BusyUntilIfOnTime(Run(instant) with { Attempts = [cutOff] }));
    }

    [Fact]
    public void BusyUntilIfOnTime_NothingSent_IsNull()
    {
        var instant = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        Assert.Null(OverlapRules.BusyUntilIfOnTime(Run(instant) with { FinishedAt = instant, Status = RunStatus.Skipped }));
    }

    private static RunRecord Run(DateTimeOffset instant) =>
        new("s.1", "s", 1, instant, instant, null, RunStatus.Running, RunTrigger.Schedule, [], null, null, "default", "t");

    [Fact]
    public void Decide_UnknownPolicyWhileRunning_Throws()
    {
        var policy = (OverlapPolicy)42;

        Assert.Throws<ArgumentOutOfRangeException>(() => OverlapRules.Decide(policy, 1, false));
    }
}
