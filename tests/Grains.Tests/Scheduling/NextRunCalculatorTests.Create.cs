using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed partial class NextRunCalculatorTests
{
    public static TheoryData<string, ScheduleSpec, string> InvalidSpecs => new()
    {
        // Interval
        { "interval 0", Interval(0, "2024-01-01T00:00:00Z"), "interval_seconds" },
        { "interval negative", Interval(-5, "2024-01-01T00:00:00Z"), "interval_seconds" },
        { "interval over ten years", Interval(315_576_001, "2024-01-01T00:00:00Z"), "interval_seconds" },
        { "interval missing", Interval(60, "2024-01-01T00:00:00Z") with { IntervalSeconds = null }, "interval_seconds" },
        { "interval unanchored", Interval(60, "2024-01-01T00:00:00Z") with { StartAt = null }, "start_at" },
        { "interval with cron", Interval(60, "2024-01-01T00:00:00Z") with { CronExpression = "* * * * *" }, "cron_expression" },
        { "interval with run_at", Interval(60, "2024-01-01T00:00:00Z") with { RunAt = At("2024-01-02T00:00:00Z") }, "run_at" },
        // Cron
        { "cron missing", Cron("* * * * *") with { CronExpression = null }, "cron_expression" },
        { "cron blank", Cron("   "), "cron_expression" },
        { "cron minute 61", Cron("61 * * * *"), "cron_expression" },
        { "cron 3 fields", Cron("* * *"), "cron_expression" },
        { "cron 7 fields", Cron("0 0 0 * * * 2024"), "cron_expression" },
        { "cron garbage", Cron("every day"), "cron_expression" },
        { "cron never", Cron("0 0 30 2 *"), "cron_expression" },
        { "cron with interval", Cron("* * * * *") with { IntervalSeconds = 60 }, "interval_seconds" },
        { "cron with delay", Cron("* * * * *") with { DelaySeconds = 10 }, "delay_seconds" },
        // Once
        { "once missing", Once("2024-01-01T00:00:00Z") with { RunAt = null }, "run_at" },
        { "once negative delay", Once("2024-01-01T00:00:00Z") with { DelaySeconds = -1 }, "delay_seconds" },
        { "once with start", Once("2024-01-01T00:00:00Z") with { StartAt = At("2023-01-01T00:00:00Z") }, "start_at" },
        { "once with end", Once("2024-01-01T00:00:00Z") with { EndAt = At("2025-01-01T00:00:00Z") }, "end_at" },
        { "once with duration", Once("2024-01-01T00:00:00Z") with { DurationSeconds = 60 }, "duration_seconds" },
        { "once with cron", Once("2024-01-01T00:00:00Z") with { CronExpression = "* * * * *" }, "cron_expression" },
        // Time zone
        { "zone unknown", Cron("* * * * *", "Mars/Olympus_Mons"), "time_zone" },
        { "zone windows id", Cron("* * * * *", "Eastern Standard Time"), "time_zone" },
        { "zone garbage", Interval(60, "2024-01-01T00:00:00Z", zone: "../../etc/passwd"), "time_zone" },
        // Window
        { "end before start", Interval(60, "2024-01-02T00:00:00Z", end: "2024-01-01T00:00:00Z"), "end_at" },
        { "end equals start", Cron("* * * * *", start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:00:00Z"), "end_at" },
        { "duration 0", Cron("* * * * *") with { DurationSeconds = 0 }, "duration_seconds" },
        // Policies
        { "kind unknown", Make((ScheduleKind)42), "kind" },
        { "overlap unknown", Cron("* * * * *") with { Overlap = (OverlapPolicy)9 }, "overlap" },
        { "misfire unknown", Cron("* * * * *") with { Misfire = 0 }, "misfire" },
        { "grace negative", Cron("* * * * *") with { MisfireGraceSeconds = -1 }, "misfire_grace_seconds" },
        { "attempts 0", Cron("* * * * *") with { Retry = RetryPolicy.Default with { MaxAttempts = 0 } }, "retry.max_attempts" },
        { "max delay NaN", Cron("* * * * *") with { Retry = RetryPolicy.Default with { MaxDelaySeconds = double.NaN } }, "retry.max_delay_seconds" },
        { "initial over max", Cron("* * * * *") with { Retry = RetryPolicy.Default with { InitialDelaySeconds = 61 } }, "retry.initial_delay_seconds" },
        { "multiplier below 1", Cron("* * * * *") with { Retry = RetryPolicy.Default with { Multiplier = 0.5 } }, "retry.multiplier" },
        { "jitter above 1", Cron("* * * * *") with { Retry = RetryPolicy.Default with { Jitter = 1.5 } }, "retry.jitter" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void TryCreate_InvalidSpec_NamesTheField(string name, ScheduleSpec spec, string expectedField)
    {
        var created = NextRunCalculator.TryCreate(spec, out var calculator, out var field, out var error);

        Assert.False(created, name);
        Assert.Null(calculator);
        Assert.Equal(expectedField, field);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("61 * * * *", "Minutes")]
    [InlineData("* * *", "5 (minute hour day-of-month month day-of-week) or 6")]
    [InlineData("0 0 30 2 *", "never matches")]
    public void TryCreate_BadCron_ExplainsWhy(string expression, string expected)
    {
        NextRunCalculator.TryCreate(Cron(expression), out _, out _, out var error);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_WindowsZoneId_SuggestsIanaId()
    {
        NextRunCalculator.TryCreate(Cron("* * * * *", "Eastern Standard Time"), out _, out _, out var error);

        Assert.Contains("America/New_York", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTC", "UTC")]
    [InlineData("", "UTC")]
    [InlineData("Etc/UTC", "Etc/UTC")]
    [InlineData("Australia/Lord_Howe", "Australia/Lord_Howe")]
    public void TryCreate_KnownZone_UsesIt(string zone, string expected)
    {
        var created = NextRunCalculator.TryCreate(Cron("*/5 * * * * *", zone), out var calculator, out var field, out var error);

        Assert.True(created, $"{field}: {error}");
        Assert.Equal(expected, calculator!.Zone.Id);
        Assert.Null(field);
        Assert.Null(error);
    }

    [Fact]
    public void TryCreate_OnceWithDelayAndResolvedRunAt_IsValid()
    {
        var spec = Once("2024-01-01T00:00:00Z") with { DelaySeconds = 30 };

        var created = NextRunCalculator.TryCreate(spec, out var calculator, out _, out _);

        Assert.True(created);
        Assert.Equal(ScheduleKind.Once, calculator!.Kind);
    }
}
