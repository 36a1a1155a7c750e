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

    [Fact]
    public void Decide_UnknownPolicyWhileRunning_Throws()
    {
        var policy = (OverlapPolicy)42;

        Assert.Throws<ArgumentOutOfRangeException>(() => OverlapRules.Decide(policy, 1, false));
    }
}
