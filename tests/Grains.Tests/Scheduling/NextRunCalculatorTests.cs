using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed partial class NextRunCalculatorTests
{
    [Theory]
    // Before the anchor: the anchor itself
    [InlineData(60, "2024-01-01T00:00:00Z", "2023-12-31T12:00:00Z", "2024-01-01T00:00:00Z")]
    // Strictly after: an instant is never returned for itself
    [InlineData(60, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z")]
    [InlineData(60, "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z", "2024-01-01T00:02:00Z")]
    [InlineData(60, "2024-01-01T00:00:00Z", "2024-01-01T00:00:59.999Z", "2024-01-01T00:01:00Z")]
    // Instants stay on the anchor's grid, milliseconds included
    [InlineData(1, "2024-01-01T00:00:00.250Z", "2024-01-01T00:00:05Z", "2024-01-01T00:00:05.250Z")]
    [InlineData(7, "2024-01-01T00:00:03Z", "2024-01-01T10:00:00Z", "2024-01-01T10:00:04Z")]
    [InlineData(86_400, "2024-01-01T06:00:00Z", "2024-03-10T12:00:00Z", "2024-03-11T06:00:00Z")]
    // Window start in the future
    [InlineData(3_600, "2030-06-01T00:00:00Z", "2024-01-01T00:00:00Z", "2030-06-01T00:00:00Z")]
    public void GetNextAfter_Interval_ReturnsNextGridInstant(long seconds, string start, string after, string expected)
    {
        var calculator = Calculator(Interval(seconds, start));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(At(expected), next);
    }

    [Theory]
    [InlineData("2024-01-01T00:01:30Z", "2024-01-01T00:02:00Z")]
    // The end is exclusive: 00:03 is not an instant
    [InlineData("2024-01-01T00:02:00Z", null)]
    [InlineData("2024-01-01T05:00:00Z", null)]
    public void GetNextAfter_IntervalWithEnd_StopsBeforeEnd(string after, string? expected)
    {
        var calculator = Calculator(Interval(60, "2024-01-01T00:00:00Z", end: "2024-01-01T00:03:00Z"));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(AtOrNull(expected), next);
    }

    [Fact]
    public void GetNextAfter_IntervalNearEndOfCalendar_ReturnsNull()
    {
        var calculator = Calculator(Interval(315_576_000, "9990-01-01T00:00:00Z"));

        var next = calculator.GetNextAfter(At("9995-01-01T00:00:00Z"));

        Assert.Null(next);
    }

    [Theory]
    // 5 fields: minute first
    [InlineData("*/5 * * * *", "2024-01-01T00:02:00Z", "2024-01-01T00:05:00Z")]
    [InlineData("0 * * * *", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z")]
    [InlineData("0 0 1 * *", "2024-01-15T00:00:00Z", "2024-02-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("@daily", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")]
    // 6 fields: seconds first
    [InlineData("30 * * * * *", "2024-01-01T00:00:00Z", "2024-01-01T00:00:30Z")]
    [InlineData("*/10 * * * * *", "2024-01-01T00:00:05Z", "2024-01-01T00:00:10Z")]
    [InlineData("* * * * * *", "2024-01-01T00:00:00.500Z", "2024-01-01T00:00:01Z")]
    [InlineData("0 30 9 * * *", "2024-01-01T09:30:00Z", "2024-01-02T09:30:00Z")]
    public void GetNextAfter_Cron_ReturnsNextMatch(string expression, string after, string expected)
    {
        var calculator = Calculator(Cron(expression));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(At(expected), next);
    }

    [Theory]
    // Weekdays at 09:00 in New York (EST, UTC-5): Friday 10:00 -> Monday 09:00
    [InlineData("0 9 * * 1-5", "America/New_York", "2024-01-05T15:00:00Z", "2024-01-08T14:00:00Z")]
    // Summer time in London (BST, UTC+1)
    [InlineData("0 9 * * *", "Europe/London", "2024-07-01T00:00:00Z", "2024-07-01T08:00:00Z")]
    // Half-hour zone
    [InlineData("0 0 * * *", "Asia/Kolkata", "2024-01-01T00:00:00Z", "2024-01-01T18:30:00Z")]
    public void GetNextAfter_CronInZone_EvaluatesWallClock(string expression, string zone, string after, string expected)
    {
        var calculator = Calculator(Cron(expression, zone));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(At(expected), next);
    }

    [Theory]
    // Before the window: the first match at or after its start (sub-second starts round up)
    [InlineData("2024-01-01T00:00:00Z", "2024-06-01T10:00:00Z")]
    [InlineData("2024-06-01T09:59:59Z", "2024-06-01T10:00:00Z")]
    [InlineData("2024-06-01T10:00:00Z", "2024-06-01T11:00:00Z")]
    // The end is exclusive: 12:00 is not an instant
    [InlineData("2024-06-01T11:00:00Z", null)]
    public void GetNextAfter_CronWithWindow_StaysInside(string after, string? expected)
    {
        var calculator = Calculator(Cron("0 * * * *", start: "2024-06-01T09:00:00.500Z", end: "2024-06-01T12:00:00Z"));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(AtOrNull(expected), next);
    }

    [Fact]
    public void GetNextAfter_CronStartWithMilliseconds_NeverReturnsInstantBeforeStart()
    {
        var calculator = Calculator(Cron("* * * * * *", start: "2024-06-01T00:00:00.500Z"));

        var next = calculator.GetNextAfter(At("2024-01-01T00:00:00Z"));

        Assert.Equal(At("2024-06-01T00:00:01Z"), next);
    }

    [Theory]
    [InlineData("2024-01-01T11:59:59.999Z", "2024-01-01T12:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z", "2024-01-01T12:00:00Z")]
    // At or after run_at: nothing left
    [InlineData("2024-01-01T12:00:00Z", null)]
    [InlineData("2024-01-01T13:00:00Z", null)]
    public void GetNextAfter_Once_ReturnsRunAtOnlyBeforeIt(string after, string? expected)
    {
        var calculator = Calculator(Once("2024-01-01T12:00:00Z"));

        var next = calculator.GetNextAfter(At(after));

        Assert.Equal(AtOrNull(expected), next);
    }

    [Fact]
    public void GetNextAfter_AfterGivenWithOffset_ReturnsUtcInstant()
    {
        var calculator = Calculator(Cron("0 * * * *"));

        var next = calculator.GetNextAfter(new DateTimeOffset(2024, 1, 1, 10, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Theory]
    [InlineData("interval")]
    [InlineData("cron")]
    public void GetNextAfter_CalledRepeatedly_AllocatesNothing(string kind)
    {
        var calculator = Calculator(kind == "cron" ? Cron("*/5 9-17 * * 1-5", "America/New_York") : Interval(15, "2024-01-01T00:00:00Z"));
        var at = At("2024-01-01T00:00:00Z");
        for (var i = 0; i < 100; i++)
        {
            at = calculator.GetNextAfter(at)!.Value;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            at = calculator.GetNextAfter(at)!.Value;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
