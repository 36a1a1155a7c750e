using OrleansCron.Schedules;
using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed partial class NextRunCalculatorTests
{
    [Theory]
    // Spring forward: a time that does not exist is moved to the end of the gap
    [InlineData("30 2 * * *", "America/New_York", "2016-03-13T00:00:00Z", "2016-03-13T07:00:00Z", "2016-03-13T03:00:00-04:00", DstAdjustment.Moved)]
    [InlineData("30 * * * *", "America/New_York", "2016-03-13T06:45:00Z", "2016-03-13T07:00:00Z", "2016-03-13T03:00:00-04:00", DstAdjustment.Moved)]
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2016-10-01T00:00:00Z", "2016-10-01T15:30:00Z", "2016-10-02T02:30:00+11:00", DstAdjustment.Moved)]
    [InlineData("30 1 * * *", "Europe/London", "2016-03-27T00:00:00Z", "2016-03-27T01:00:00Z", "2016-03-27T02:00:00+01:00", DstAdjustment.Moved)]
    // Spring forward: a matching time right after skipped matching times
    [InlineData("*/15 * * * *", "America/New_York", "2016-03-13T06:45:00Z", "2016-03-13T07:00:00Z", "2016-03-13T03:00:00-04:00", DstAdjustment.AfterSkip)]
    [InlineData("0 * * * *", "America/New_York", "2016-03-13T06:00:00Z", "2016-03-13T07:00:00Z", "2016-03-13T03:00:00-04:00", DstAdjustment.AfterSkip)]
    [InlineData("*/15 * * * *", "Australia/Lord_Howe", "2016-10-01T15:15:00Z", "2016-10-01T15:30:00Z", "2016-10-02T02:30:00+11:00", DstAdjustment.AfterSkip)]
    [InlineData("0 * * * *", "Europe/London", "2016-03-27T00:00:00Z", "2016-03-27T01:00:00Z", "2016-03-27T02:00:00+01:00", DstAdjustment.AfterSkip)]
    // Spring forward: nothing matching was skipped
    [InlineData("0 4 * * *", "America/New_York", "2016-03-13T00:00:00Z", "2016-03-13T08:00:00Z", "2016-03-13T04:00:00-04:00", DstAdjustment.None)]
    [InlineData("45 2 * * *", "Australia/Lord_Howe", "2016-10-01T00:00:00Z", "2016-10-01T15:45:00Z", "2016-10-02T02:45:00+11:00", DstAdjustment.None)]
    // Fall back: wall-clock times that happen twice
    [InlineData("30 1 * * *", "America/New_York", "2016-11-06T00:00:00Z", "2016-11-06T05:30:00Z", "2016-11-06T01:30:00-04:00", DstAdjustment.Ambiguous)]
    [InlineData("0 * * * *", "America/New_York", "2016-11-06T05:00:00Z", "2016-11-06T06:00:00Z", "2016-11-06T01:00:00-05:00", DstAdjustment.Ambiguous)]
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2016-04-02T00:00:00Z", "2016-04-02T14:45:00Z", "2016-04-03T01:45:00+11:00", DstAdjustment.Ambiguous)]
    [InlineData("30 1 * * *", "Europe/London", "2016-10-30T00:00:00Z", "2016-10-30T00:30:00Z", "2016-10-30T01:30:00+01:00", DstAdjustment.Ambiguous)]
    // Ordinary days
    [InlineData("30 2 * * *", "America/New_York", "2016-03-14T00:00:00Z", "2016-03-14T06:30:00Z", "2016-03-14T02:30:00-04:00", DstAdjustment.None)]
    [InlineData("0 * * * *", "America/New_York", "2016-11-06T06:00:00Z", "2016-11-06T07:00:00Z", "2016-11-06T02:00:00-05:00", DstAdjustment.None)]
    public void GetUpcoming_Cron_FlagsDstEffects(string expression, string zone, string after, string at, string local, DstAdjustment expected)
    {
        var calculator = Calculator(Cron(expression, zone));

        var fire = Assert.Single(calculator.GetUpcoming(At(after), 1));

        Assert.Equal(At(at), fire.At);
        Assert.Equal(DateTimeOffset.Parse(local, System.Globalization.CultureInfo.InvariantCulture), fire.Local);
        Assert.Equal(TimeSpan.Parse(local[^6..].TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture), fire.Local.Offset);
        Assert.Equal(expected, fire.Dst);
    }

    [Fact]
    public void GetUpcoming_EveryFifteenMinutesAcrossSpringForward_FlagsOnlyTheFirstAfterTheGap()
    {
        var calculator = Calculator(Cron("*/15 * * * *", "America/New_York"));

        var fires = calculator.GetUpcoming(At("2016-03-13T06:20:00Z"), 4);

        Assert.Equal(Format("2016-03-13T06:30:00Z 2016-03-13T06:45:00Z 2016-03-13T07:00:00Z 2016-03-13T07:15:00Z"), Format(fires.Select(f => f.At)));
        Assert.Equal([DstAdjustment.None, DstAdjustment.None, DstAdjustment.AfterSkip, DstAdjustment.None], fires.Select(f => f.Dst));
    }

    [Fact]
    public void GetUpcoming_HourlyIntervalAcrossFallBack_FlagsRepeatedHourAmbiguous()
    {
        var calculator = Calculator(Interval(3_600, "2016-11-06T00:00:00Z", zone: "America/New_York"));

        var fires = calculator.GetUpcoming(At("2016-11-06T04:30:00Z"), 3);

        Assert.Equal(Format("2016-11-06T05:00:00Z 2016-11-06T06:00:00Z 2016-11-06T07:00:00Z"), Format(fires.Select(f => f.At)));
        Assert.Equal([TimeSpan.FromHours(-4), TimeSpan.FromHours(-5), TimeSpan.FromHours(-5)], fires.Select(f => f.Local.Offset));
        Assert.Equal([DstAdjustment.Ambiguous, DstAdjustment.Ambiguous, DstAdjustment.None], fires.Select(f => f.Dst));
    }

    [Fact]
    public void GetUpcoming_HourlyIntervalAcrossSpringForward_IsNeverMoved()
    {
        var calculator = Calculator(Interval(3_600, "2016-03-13T00:00:00Z", zone: "America/New_York"));

        var fires = calculator.GetUpcoming(At("2016-03-13T05:30:00Z"), 3);

        Assert.Equal(["2016-03-13T01:00:00-05:00", "2016-03-13T03:00:00-04:00", "2016-03-13T04:00:00-04:00"], fires.Select(f => f.Local.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(fires, f => Assert.Equal(DstAdjustment.None, f.Dst));
    }

    [Fact]
    public void GetUpcoming_OnceSchedule_ReturnsFewerThanAsked()
    {
        var calculator = Calculator(Once("2024-01-01T12:00:00Z", "Europe/London"));

        var fires = calculator.GetUpcoming(At("2024-01-01T00:00:00Z"), 5);

        var fire = Assert.Single(fires);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero), fire.Local);
        Assert.Equal(DstAdjustment.None, fire.Dst);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GetUpcoming_CountNotPositive_ReturnsEmpty(int count)
    {
        var calculator = Calculator(Cron("* * * * *"));

        var fires = calculator.GetUpcoming(At("2024-01-01T00:00:00Z"), count);

        Assert.Empty(fires);
    }
}
