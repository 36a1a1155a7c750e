using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed class ScheduleSpecResolverTests
{
    private static readonly DateTimeOffset Now = At("2024-01-01T12:00:00.1234567Z");

    [Fact]
    public void Resolve_OnceWithDelay_SetsRunAtAndKeepsDelay()
    {
        var spec = Make(ScheduleKind.Once) with { DelaySeconds = 90 };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(At("2024-01-01T12:01:30.123Z"), resolved.RunAt);
        Assert.Equal(90, resolved.DelaySeconds);
    }

    [Fact]
    public void Resolve_OnceWithRunAtAndDelay_KeepsRunAt()
    {
        var spec = Once("2024-05-01T00:00:00Z") with { DelaySeconds = 90 };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(At("2024-05-01T00:00:00Z"), resolved.RunAt);
    }

    [Fact]
    public void Resolve_IntervalWithoutStart_AnchorsAtNow()
    {
        var spec = Make(ScheduleKind.Interval) with { IntervalSeconds = 60, DurationSeconds = 3_600 };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(At("2024-01-01T12:00:00.123Z"), resolved.StartAt);
        Assert.Equal(At("2024-01-01T13:00:00.123Z"), resolved.EndAt);
        Assert.Equal(3_600, resolved.DurationSeconds);
    }

    [Theory]
    // From start_at when given, else from now
    [InlineData("2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z")]
    [InlineData(null, "2024-01-02T12:00:00.123Z")]
    public void Resolve_CronWithDuration_SetsEndFromStartOrNow(string? start, string expectedEnd)
    {
        var spec = Cron("* * * * *", start: start) with { DurationSeconds = 86_400 };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(At(expectedEnd), resolved.EndAt);
        Assert.Equal(AtOrNull(start), resolved.StartAt);
    }

    [Theory]
    [InlineData(null, "UTC")]
    [InlineData("", "UTC")]
    [InlineData("  ", "UTC")]
    [InlineData("Europe/London", "Europe/London")]
    public void Resolve_TimeZone_DefaultsToUtc(string? zone, string expected)
    {
        var spec = Cron("* * * * *") with { TimeZone = zone! };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(expected, resolved.TimeZone);
    }

    [Fact]
    public void Resolve_InstantsWithOffsetAndTicks_AreUtcMilliseconds()
    {
        var start = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(9_999);
        var spec = Cron("* * * * *") with { StartAt = start, EndAt = start.AddDays(1) };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, 0, TimeSpan.Zero), resolved.StartAt);
        Assert.Equal(TimeSpan.Zero, resolved.StartAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 8, 0, 0, 0, TimeSpan.Zero), resolved.EndAt);
    }

    [Fact]
    public void Resolve_ResolvedSpec_ChangesNothing()
    {
        var spec = Make(ScheduleKind.Once) with { DelaySeconds = 30 };
        var resolved = ScheduleSpecResolver.Resolve(spec, Now);

        var again = ScheduleSpecResolver.Resolve(resolved, Now.AddHours(5));

        Assert.Equal(resolved, again);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void Resolve_DelayOutOfRange_LeavesRunAtForValidationToReport(long delay)
    {
        var spec = Make(ScheduleKind.Once) with { DelaySeconds = delay };

        var resolved = ScheduleSpecResolver.Resolve(spec, Now);
        var valid = NextRunCalculator.TryCreate(resolved, out _, out var field, out _);

        Assert.Null(resolved.RunAt);
        Assert.False(valid);
        Assert.Equal("delay_seconds", field);
    }
}
