using OrleansCron.Scheduling;
using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed partial class NextRunCalculatorTests
{
    [Fact]
    public void GetBetween_IntervalDownForAWeek_ListsLatestAndCountsTheRest()
    {
        var calculator = Calculator(Interval(1, "2024-01-01T00:00:00Z"));
        var buffer = new DateTimeOffset[3];

        var found = calculator.GetBetween(At("2024-01-01T00:00:00Z"), At("2024-01-08T00:00:00Z"), buffer);

        Assert.Equal(new RecentOccurrences(3, 604_797, false), found);
        Assert.Equal(Format("2024-01-07T23:59:58Z 2024-01-07T23:59:59Z 2024-01-08T00:00:00Z"), Format(buffer));
    }

    [Fact]
    public void GetBetween_IntervalOverACentury_IsArithmetic()
    {
        var calculator = Calculator(Interval(1, "2000-01-01T00:00:00Z"));
        var buffer = new DateTimeOffset[2];

        var found = calculator.GetBetween(At("1999-01-01T00:00:00Z"), At("2100-01-01T00:00:00Z"), buffer);

        Assert.Equal(3_155_760_001, found.Total);
        Assert.Equal(Format("2099-12-31T23:59:59Z 2100-01-01T00:00:00Z"), Format(buffer));
    }

    [Theory]
    // The window clips both ends: instants 00:00 .. 00:09 (the end, 00:10, is exclusive)
    [InlineData("2023-12-31T00:00:00Z", "2024-01-02T00:00:00Z", 10, "2024-01-01T00:00:00Z 2024-01-01T00:01:00Z 2024-01-01T00:02:00Z 2024-01-01T00:03:00Z 2024-01-01T00:04:00Z 2024-01-01T00:05:00Z 2024-01-01T00:06:00Z 2024-01-01T00:07:00Z 2024-01-01T00:08:00Z 2024-01-01T00:09:00Z")]
    // (after, to]: after is excluded, to is included
    [InlineData("2024-01-01T00:02:00Z", "2024-01-01T00:04:00Z", 2, "2024-01-01T00:03:00Z 2024-01-01T00:04:00Z")]
    [InlineData("2024-01-01T00:02:30Z", "2024-01-01T00:03:59Z", 1, "2024-01-01T00:03:00Z")]
    // Empty ranges
    [InlineData("2024-01-01T00:04:00Z", "2024-01-01T00:04:00Z", 0, "")]
    [InlineData("2024-01-01T00:05:00Z", "2024-01-01T00:04:00Z", 0, "")]
    [InlineData("2024-01-01T00:09:00Z", "2024-01-02T00:00:00Z", 0, "")]
    [InlineData("2023-01-01T00:00:00Z", "2023-12-31T23:59:59Z", 0, "")]
    public void GetBetween_IntervalWithWindow_ListsInstantsInsideRange(string after, string to, int total, string expected)
    {
        var calculator = Calculator(Interval(60, "2024-01-01T00:00:00Z", end: "2024-01-01T00:10:00Z"));
        var buffer = new DateTimeOffset[20];

        var found = calculator.GetBetween(At(after), At(to), buffer);

        Assert.Equal(new RecentOccurrences(total, 0, false), found);
        Assert.Equal(Format(expected), Format(buffer[..found.Listed]));
    }

    [Fact]
    public void GetBetween_EmptyBuffer_OnlyCounts()
    {
        var calculator = Calculator(Interval(60, "2024-01-01T00:00:00Z"));

        var found = calculator.GetBetween(At("2024-01-01T00:00:00Z"), At("2024-01-01T01:00:00Z"), []);

        Assert.Equal(new RecentOccurrences(0, 60, false), found);
    }

    [Theory]
    [InlineData("2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z", 1)]
    [InlineData("2024-01-01T12:00:00Z", "2024-01-01T13:00:00Z", 0)]
    [InlineData("2024-01-01T10:00:00Z", "2024-01-01T11:59:59Z", 0)]
    public void GetBetween_Once_ListsRunAtWhenInRange(string after, string to, int listed)
    {
        var calculator = Calculator(Once("2024-01-01T12:00:00Z"));
        var buffer = new DateTimeOffset[4];

        var found = calculator.GetBetween(At(after), At(to), buffer);

        Assert.Equal(new RecentOccurrences(listed, 0, false), found);
    }

    [Fact]
    public void GetBetween_CronEveryMinuteForADay_CountsExactly()
    {
        var calculator = Calculator(Cron("* * * * *"));
        var buffer = new DateTimeOffset[3];

        var found = calculator.GetBetween(At("2024-01-01T00:00:00Z"), At("2024-01-02T00:00:00Z"), buffer);

        Assert.Equal(new RecentOccurrences(3, 1_437, false), found);
        Assert.Equal(Format("2024-01-01T23:58:00Z 2024-01-01T23:59:00Z 2024-01-02T00:00:00Z"), Format(buffer));
    }

    [Fact]
    public void GetBetween_CronEverySecondDownForAMonth_ListsExactlyAndEstimatesTheRest()
    {
        var calculator = Calculator(Cron("* * * * * *", "America/New_York"));
        var buffer = new DateTimeOffset[2];

        var found = calculator.GetBetween(At("2024-01-01T00:00:00Z"), At("2024-01-31T00:00:00Z"), buffer);

        Assert.True(found.OlderIsEstimate);
        Assert.InRange(found.OlderNotListed, 2_591_998 - 100, 2_591_998 + 100);
        Assert.Equal(Format("2024-01-30T23:59:59Z 2024-01-31T00:00:00Z"), Format(buffer));
    }

    [Theory]
    // Whole ranges and ranges cut by buffer size, across DST gaps (where Cronos's backward search disagrees)
    [InlineData("*/15 * * * *", "America/New_York", "2016-03-13T05:00:00Z", "2016-03-13T09:00:00Z", 3)]
    [InlineData("*/15 * * * *", "America/New_York", "2016-03-13T05:00:00Z", "2016-03-13T09:00:00Z", 8)]
    [InlineData("*/15 * * * *", "America/New_York", "2016-03-13T06:00:00Z", "2016-03-13T08:00:00Z", 50)]
    [InlineData("0 * * * *", "America/New_York", "2016-03-12T00:00:00Z", "2016-03-14T00:00:00Z", 5)]
    [InlineData("30 2 * * *", "America/New_York", "2016-03-10T00:00:00Z", "2016-03-16T00:00:00Z", 2)]
    [InlineData("30 2 * * *", "America/New_York", "2016-03-10T00:00:00Z", "2016-03-16T00:00:00Z", 6)]
    [InlineData("*/15 * * * *", "America/New_York", "2016-11-06T04:00:00Z", "2016-11-06T08:00:00Z", 6)]
    [InlineData("*/15 * * * *", "Australia/Lord_Howe", "2016-10-01T14:00:00Z", "2016-10-01T17:00:00Z", 4)]
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2016-09-25T00:00:00Z", "2016-10-05T00:00:00Z", 3)]
    [InlineData("0 9 * * 1-5", "Europe/London", "2016-03-01T00:00:00Z", "2016-04-30T00:00:00Z", 7)]
    public void GetBetween_Cron_MatchesForwardWalk(string expression, string zone, string after, string to, int bufferSize)
    {
        var calculator = Calculator(Cron(expression, zone));
        var walk = Walk(calculator, At(after), At(to));
        var buffer = new DateTimeOffset[bufferSize];

        var found = calculator.GetBetween(At(after), At(to), buffer);

        Assert.Equal(walk.Count, found.Total);
        Assert.False(found.OlderIsEstimate);
        Assert.Equal(Format(walk.TakeLast(bufferSize)), Format(buffer[..found.Listed]));
    }

    [Fact]
    public void GetBetween_CronWithWindow_ClipsToWindow()
    {
        var calculator = Calculator(Cron("0 * * * *", start: "2024-01-01T03:00:00Z", end: "2024-01-01T06:00:00Z"));
        var buffer = new DateTimeOffset[10];

        var found = calculator.GetBetween(At("2024-01-01T00:00:00Z"), At("2024-01-02T00:00:00Z"), buffer);

        Assert.Equal(new RecentOccurrences(3, 0, false), found);
        Assert.Equal(Format("2024-01-01T03:00:00Z 2024-01-01T04:00:00Z 2024-01-01T05:00:00Z"), Format(buffer[..3]));
    }
}
