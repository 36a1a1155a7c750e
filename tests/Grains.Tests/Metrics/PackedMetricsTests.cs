using System.Collections.Immutable;
using System.Text.Json;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Storage;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

public class PackedMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 15, 20, TimeSpan.Zero);

    [Fact]
    public void Record_ThirtyHoursOfMixedRuns_CountsWhatMetricsStateCounts()
    {
        var packed = new PackedMetrics();
        var state = new MetricsState();
        var now = Start;
        var step = 0;
        foreach (var (at, batch) in RandomHistory(seed: 5, steps: 2_000, maxGapSeconds: 110))
        {
            now = at;
            packed.Record(batch, now);
            state.Record(batch, now);
            if (step++ % 97 == 0)
            {
                AssertSameSnapshot(state.ToSnapshot("s", now), packed.ToSnapshot("s", now));
            }
        }

        AssertSameSnapshot(state.ToSnapshot("s", now), packed.ToSnapshot("s", now));
        now += TimeSpan.FromMinutes(90);
        AssertSameSnapshot(state.ToSnapshot("s", now), packed.ToSnapshot("s", now));
    }

    [Fact]
    public void Decode_WhatEncodeWrote_ReadsTheSameAndKeepsCounting()
    {
        var packed = new PackedMetrics();
        var state = new MetricsState();
        var now = Start;
        foreach (var (at, batch) in RandomHistory(seed: 7, steps: 300, maxGapSeconds: 400))
        {
            now = at;
            state.Record(batch, now);
            packed.Record(batch, now);
            packed = PackedMetrics.Decode(packed.Encode(), now);
        }

        AssertSameSnapshot(state.ToSnapshot("s", now), packed.ToSnapshot("s", now));
    }

    [Fact]
    public void Decode_MetricsStateJsonStoredBefore_ReadsTheSameCounts()
    {
        var state = new MetricsState();
        var now = Start;
        foreach (var (at, batch) in RandomHistory(seed: 11, steps: 200, maxGapSeconds: 400))
        {
            now = at;
            state.Record(batch, now);
        }

        var packed = PackedMetrics.Decode(JsonSerializer.Serialize(state, StorageJson.Options), now);

        AssertSameSnapshot(state.ToSnapshot("s", now), packed.ToSnapshot("s", now));
    }

    [Fact]
    public void Encode_ADayOfOneRunAMinute_TakesAboutTwoKilobytes()
    {
        var packed = new PackedMetrics();
        var state = new MetricsState();
        var now = Start;
        for (var minute = 0; minute < 25 * 60; minute++)
        {
            now += TimeSpan.FromMinutes(1);
            var batch = Batch(Succeeded("s", now, latencyMs: 20 + (minute % 13)));
            packed.Record(batch, now);
            state.Record(batch, now);
        }

        var legacyJson = JsonSerializer.Serialize(state, StorageJson.Options);

        // Measured: 1,885 bytes, 2,551 characters stored; the JSON of MetricsState: 14,591 characters.
        Assert.InRange(packed.PackedBytes, 1, 2_000);
        Assert.InRange(packed.Encode().Length, 1, 2_700);
        Assert.True(legacyJson.Length > 5 * packed.Encode().Length, $"legacy {legacyJson.Length} characters");
    }

    [Fact]
    public void Record_AfterADay_StopsGrowing()
    {
        var packed = new PackedMetrics();
        var now = Start;
        int SizeAfterHours(int hours)
        {
            for (var minute = 0; minute < hours * 60; minute++)
            {
                now += TimeSpan.FromMinutes(1);
                packed.Record(Batch(Succeeded("s", now, latencyMs: 20 + (minute % 13))), now);
            }

            return packed.PackedBytes;
        }

        var afterADay = SizeAfterHours(25);
        var afterTwo = SizeAfterHours(24);

        // Both windows drop a slot for each one they gain.
        Assert.InRange(afterTwo, afterADay - 40, afterADay + 40);
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("p1:!!!not-base64")]
    [InlineData("p1:AAAA")]
    public void Decode_Garbage_Throws(string payload)
    {
        Assert.Throws<FormatException>(() => PackedMetrics.Decode(payload, Start));
    }

    [Fact]
    public void Decode_WindowCutInTheMiddleOfASlot_Throws()
    {
        var packed = new PackedMetrics();
        packed.Record(Batch(Succeeded("s", Start)), Start);
        var bytes = Convert.FromBase64String(packed.Encode()[3..]);
        var dayAt = 8 + BitConverter.ToInt32(bytes, 4);
        dayAt += 8 + BitConverter.ToInt32(bytes, dayAt + 4);

        // The day window loses its last byte (the end of its last slot) and says so in its length.
        BitConverter.GetBytes(BitConverter.ToInt32(bytes, dayAt + 4) - 1).CopyTo(bytes, dayAt + 4);

        Assert.Throws<FormatException>(() => PackedMetrics.Decode("p1:" + Convert.ToBase64String(bytes[..^1]), Start));
    }

    [Fact]
    public void Decode_WindowStoredWithAnotherSlotLength_LeavesThatWindowOut()
    {
        var packed = new PackedMetrics();
        packed.Record(Batch(Succeeded("s", Start)), Start);
        var bytes = Convert.FromBase64String(packed.Encode()[3..]);
        var hourAt = 8 + BitConverter.ToInt32(bytes, 4);
        BitConverter.GetBytes(30).CopyTo(bytes, hourAt);

        var snapshot = PackedMetrics.Decode("p1:" + Convert.ToBase64String(bytes), Start).ToSnapshot("s", Start);

        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.LastDay.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void CounterKeys_EveryStatusAndErrorClass_FitTheirRanges()
    {
        Assert.True(Enum.GetValues<RunStatus>().Max(s => (int)s) < PackedWindow.AttemptKeyBase);
        Assert.True(Enum.GetValues<ErrorClass>().Max(c => (int)c) < PackedWindow.LatencyKeyBase - PackedWindow.AttemptKeyBase);
    }

    // A clock moving on from Start by 1 to maxGapSeconds at a time, with a random batch of runs at each step.
    private static IEnumerable<(DateTimeOffset Now, ImmutableArray<RunOutcome> Batch)> RandomHistory(int seed, int steps, int maxGapSeconds)
    {
        var random = new Random(seed);
        var now = Start;
        for (var step = 0; step < steps; step++)
        {
            now += TimeSpan.FromSeconds(random.Next(1, maxGapSeconds));
            yield return (now, RandomBatch(random, now));
        }
    }

    private static ImmutableArray<RunOutcome> RandomBatch(Random random, DateTimeOffset now)
    {
        var statuses = Enum.GetValues<RunStatus>();
        var classes = Enum.GetValues<ErrorClass>();
        var runs = ImmutableArray.CreateBuilder<RunOutcome>();
        for (var r = random.Next(0, 4); r > 0; r--)
        {
            // Mostly now, sometimes minutes late, now and then from a clock running ahead or from two days ago.
            var finished = random.Next(20) switch
            {
                0 => now + TimeSpan.FromSeconds(random.Next(1, 30)),
                1 => now - TimeSpan.FromHours(49),
                < 6 => now - TimeSpan.FromMinutes(random.Next(1, 90)),
                _ => now,
            };
            var attempts = new AttemptSample[random.Next(0, 3)];
            for (var a = 0; a < attempts.Length; a++)
            {
                var latency = random.Next(30) switch
                {
                    0 => double.NaN,
                    1 => -5,
                    2 => 5e9,
                    _ => Math.Round(random.NextDouble() * 2_000, 3),
                };
                attempts[a] = Attempt(classes[random.Next(classes.Length)], latency, finished - TimeSpan.FromSeconds(random.Next(0, 90)));
            }

            runs.Add(Run("s", statuses[random.Next(statuses.Length)], finished, attempts));
        }

        return runs.ToImmutable();
    }

    private static void AssertSameSnapshot(MetricsSnapshot expected, MetricsSnapshot actual)
    {
        AssertSameWindow(expected.AllTime, actual.AllTime);
        AssertSameWindow(expected.LastHour, actual.LastHour);
        AssertSameWindow(expected.LastDay, actual.LastDay);
    }

    private static void AssertSameWindow(MetricsWindow expected, MetricsWindow actual)
    {
        Assert.Equal(expected.Runs.OrderBy(p => p.Key), actual.Runs.OrderBy(p => p.Key));
        Assert.Equal(expected.Attempts.OrderBy(p => p.Key), actual.Attempts.OrderBy(p => p.Key));
        Assert.Equal(expected.SuccessRate, actual.SuccessRate);
        Assert.Equal(expected.Latency.Count, actual.Latency.Count);
        Assert.Equal(expected.Latency.P50Ms, actual.Latency.P50Ms, 0.001);
        Assert.Equal(expected.Latency.P95Ms, actual.Latency.P95Ms, 0.001);
        Assert.Equal(expected.Latency.P99Ms, actual.Latency.P99Ms, 0.001);
        Assert.Equal(expected.Latency.MaxMs, actual.Latency.MaxMs, 0.001);
        Assert.Equal(expected.Latency.AverageMs, actual.Latency.AverageMs, 0.001);
    }
}
