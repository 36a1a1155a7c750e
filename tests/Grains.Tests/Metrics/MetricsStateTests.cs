using System.Collections.Immutable;
using System.Text.Json;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

public class MetricsStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 15, 20, TimeSpan.Zero);

    [Fact]
    public void ToSnapshot_MixedRuns_CountsStatusesAndErrorClasses()
    {
        var state = new MetricsState();
        state.Record(MixedBatch(), Now);

        var window = state.ToSnapshot("s", Now).AllTime;

        Assert.Equal(2, window.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, window.Runs[RunStatus.Failed]);
        Assert.Equal(1, window.Runs[RunStatus.Interrupted]);
        Assert.Equal(1, window.Runs[RunStatus.Skipped]);
        Assert.Equal(0, window.Runs[RunStatus.Missed]);
        Assert.Equal(2, window.Attempts[ErrorClass.None]);
        Assert.Equal(1, window.Attempts[ErrorClass.Http5xx]);
        Assert.Equal(1, window.Attempts[ErrorClass.Interrupted]);
        Assert.Equal(0, window.Attempts[ErrorClass.Dns]);
    }

    [Fact]
    public void ToSnapshot_MixedRuns_SuccessRateIgnoresRunsNotSent()
    {
        var state = new MetricsState();
        state.Record(MixedBatch(), Now);

        var window = state.ToSnapshot("s", Now).AllTime;

        Assert.Equal(0.5, window.SuccessRate);
    }

    [Fact]
    public void ToSnapshot_OnlySkippedAndMissed_SuccessRateIsNull()
    {
        var state = new MetricsState();
        state.Record(Batch(Run("s", RunStatus.Skipped, Now), Run("s", RunStatus.Missed, Now)), Now);

        var window = state.ToSnapshot("s", Now).AllTime;

        Assert.Null(window.SuccessRate);
    }

    [Fact]
    public void ToSnapshot_MixedRuns_LatencyLeavesOutInterruptedAndBlockedAttempts()
    {
        var state = new MetricsState();
        state.Record(MixedBatch(), Now);
        state.Record(Batch(Run("s", RunStatus.Failed, Now, Attempt(ErrorClass.Blocked, 0, Now))), Now);

        var latency = state.ToSnapshot("s", Now).AllTime.Latency;

        Assert.Equal(3, latency.Count);
        Assert.Equal(200, latency.AverageMs, 6);
        Assert.Equal(300, latency.MaxMs);
        Assert.InRange(latency.P50Ms, 196, 204);
        Assert.InRange(latency.P99Ms, 294, 300);
    }

    [Fact]
    public void ToSnapshot_Empty_ReportsZerosAndEveryFinalStatus()
    {
        var state = new MetricsState();

        var snapshot = state.ToSnapshot("s", Now);

        Assert.Equal("s", snapshot.Scope);
        Assert.Equal(Now, snapshot.AsOf);
        Assert.Equal(5, snapshot.AllTime.Runs.Count);
        Assert.All(snapshot.AllTime.Runs.Values, v => Assert.Equal(0, v));
        Assert.Equal(Enum.GetValues<ErrorClass>().Length, snapshot.LastDay.Attempts.Count);
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0, 0), snapshot.LastHour.Latency);
    }

    [Fact]
    public void Serialize_SystemTextJson_RoundTripsTheSnapshot()
    {
        var state = new MetricsState();
        state.Record(MixedBatch(), Now);

        var json = JsonSerializer.Serialize(state);
        var copy = JsonSerializer.Deserialize<MetricsState>(json)!;
        var expected = state.ToSnapshot("s", Now);
        var actual = copy.ToSnapshot("s", Now);

        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Equal(expected.LastHour.Runs, actual.LastHour.Runs);
        Assert.Equal(expected.LastDay.Attempts, actual.LastDay.Attempts);
        Assert.Equal(expected.AllTime.Latency, actual.AllTime.Latency);
        Assert.Equal(expected.LastHour.SuccessRate, actual.LastHour.SuccessRate);
    }

    private static ImmutableArray<RunOutcome> MixedBatch() => Batch(
        Succeeded("s", Now, latencyMs: 100),
        Run("s", RunStatus.Failed, Now, Attempt(ErrorClass.Http5xx, 200, Now)),
        Succeeded("s", Now, latencyMs: 300),
        Run("s", RunStatus.Interrupted, Now, Attempt(ErrorClass.Interrupted, 0, Now)),
        Run("s", RunStatus.Skipped, Now));
}
