using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class ClaimLeadRuleTests
{
    private static readonly DateTimeOffset Instant = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    // gap since the previous instant (s), min (ms), max (ms) → lead (ms)
    [InlineData(1, 100, 2000, 500)]
    [InlineData(0.1, 100, 2000, 100)]
    [InlineData(10, 100, 2000, 2000)]
    [InlineData(86400, 100, 2000, 2000)]
    [InlineData(3, 100, 2000, 1500)]
    [InlineData(10, 100, 50, 100)]
    [InlineData(0, 100, 2000, 100)]
    public void For_IsHalfTheGapWithinTheBounds(double gapSeconds, double minMs, double maxMs, double expectedMs)
    {
        var lead = ClaimLeadRule.For(Instant, Instant.AddSeconds(-gapSeconds), TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), lead);
    }
}
