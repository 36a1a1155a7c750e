using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class RetryRulesTests
{
    private static readonly RetryPolicy FiveAttempts = new(5, 1, 2, 60, 0.2);

    [Theory]
    // Transient
    [InlineData(ErrorClass.Timeout, null, true)]
    [InlineData(ErrorClass.Dns, null, true)]
    [InlineData(ErrorClass.Connection, null, true)]
    [InlineData(ErrorClass.Http5xx, 500, true)]
    [InlineData(ErrorClass.Http5xx, 503, true)]
    [InlineData(ErrorClass.Interrupted, null, true)]
    // 4xx: only "come back later"
    [InlineData(ErrorClass.Http4xx, 408, true)]
    [InlineData(ErrorClass.Http4xx, 429, true)]
    [InlineData(ErrorClass.Http4xx, 400, false)]
    [InlineData(ErrorClass.Http4xx, 404, false)]
    [InlineData(ErrorClass.Http4xx, null, false)]
    // Would fail the same way again
    [InlineData(ErrorClass.Tls, null, false)]
    [InlineData(ErrorClass.ResponseTooLarge, 200, false)]
    [InlineData(ErrorClass.Unknown, 302, false)]
    [InlineData(ErrorClass.Blocked, null, false)]
    [InlineData(ErrorClass.None, 200, false)]
    public void IsRetryable_ErrorClass_ReturnsExpected(ErrorClass errorClass, int? status, bool expected)
    {
        var retryable = RetryRules.IsRetryable(errorClass, status);

        Assert.Equal(expected, retryable);
    }

    [Theory]
    // Exponential backoff with the jitter at its midpoint
    [InlineData(1, 0.5, 1.0)]
    [InlineData(2, 0.5, 2.0)]
    [InlineData(3, 0.5, 4.0)]
    [InlineData(4, 0.5, 8.0)]
    // Jitter at its bounds: 20 % either way
    [InlineData(3, 0.0, 3.2)]
    [InlineData(3, 1.0, 4.8)]
    [InlineData(1, 0.25, 0.9)]
    public void NextDelay_NoRetryAfter_BacksOffWithJitter(int attemptsMade, double random, double expectedSeconds)
    {
        var delay = RetryRules.NextDelay(FiveAttempts, attemptsMade, null, random);

        Assert.NotNull(delay);
        Assert.Equal(expectedSeconds, delay.Value.TotalSeconds, 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void NextDelay_AnyRandom_StaysWithinJitterBounds(double random)
    {
        var delay = RetryRules.NextDelay(FiveAttempts, 2, null, random);

        Assert.InRange(delay!.Value.TotalSeconds, 1.6, 2.4);
    }

    [Fact]
    public void NextDelay_GrowsPastMaxDelay_ClampsToMaxDelay()
    {
        var policy = new RetryPolicy(20, 1, 2, 60, 0.2);

        var delay = RetryRules.NextDelay(policy, 10, null, 1.0);

        Assert.Equal(TimeSpan.FromSeconds(60), delay);
    }

    [Theory]
    // Retry-After replaces the computed delay (no jitter), clamped to [0, max]
    [InlineData(30, 30)]
    [InlineData(0, 0)]
    [InlineData(3_600, 60)]
    [InlineData(-5, 0)]
    public void NextDelay_RetryAfter_ReplacesDelayWithinMax(int retryAfterSeconds, int expectedSeconds)
    {
        var delay = RetryRules.NextDelay(FiveAttempts, 1, TimeSpan.FromSeconds(retryAfterSeconds), 0.0);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void NextDelay_AttemptsExhausted_ReturnsNull(int attemptsMade)
    {
        var delay = RetryRules.NextDelay(FiveAttempts, attemptsMade, TimeSpan.FromSeconds(1), 0.5);

        Assert.Null(delay);
    }

    [Fact]
    public void NextDelay_DefaultPolicy_RetriesTwice()
    {
        var delays = Enumerable.Range(1, 3).Select(n => RetryRules.NextDelay(RetryPolicy.Default, n, null, 0.5)).ToArray();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null], delays);
    }

    [Fact]
    public void NextDelay_NoAttemptMade_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryRules.NextDelay(FiveAttempts, 0, null, 0.5));
    }

    [Fact]
    public void SystemJitterSource_NextDouble_ReturnsUnitInterval()
    {
        var values = Enumerable.Range(0, 100).Select(_ => SystemJitterSource.Instance.NextDouble()).ToArray();

        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.True(values.Distinct().Count() > 1);
    }
}
