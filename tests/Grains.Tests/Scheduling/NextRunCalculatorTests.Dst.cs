using static OrleansCron.Tests.Scheduling.Specs;

namespace OrleansCron.Tests.Scheduling;

public sealed partial class NextRunCalculatorTests
{
    [Theory]
    // America/New_York, spring forward 2016-03-13 02:00 EST -> 03:00 EDT (07:00Z)
    // A daily 02:30 fires once on that day, at the end of the gap (03:00 EDT), and is back to 02:30 the next day
    [InlineData("30 2 * * *", "America/New_York", "2016-03-12T00:00:00Z", "2016-03-15T00:00:00Z",
        "2016-03-12T07:30:00Z 2016-03-13T07:00:00Z 2016-03-14T06:30:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2016-03-13T04:30:00Z", "2016-03-13T08:30:00Z",
        "2016-03-13T05:00:00Z 2016-03-13T06:00:00Z 2016-03-13T07:00:00Z 2016-03-13T08:00:00Z")]
    [InlineData("*/15 * * * *", "America/New_York", "2016-03-13T06:20:00Z", "2016-03-13T07:20:00Z",
        "2016-03-13T06:30:00Z 2016-03-13T06:45:00Z 2016-03-13T07:00:00Z 2016-03-13T07:15:00Z")]
    // America/New_York, fall back 2016-11-06 02:00 EDT -> 01:00 EST (06:00Z)
    // A daily 02:30 is not ambiguous and fires once; a daily 01:30 is, and fires once (the first pass)
    [InlineData("30 2 * * *", "America/New_York", "2016-11-05T00:00:00Z", "2016-11-08T00:00:00Z",
        "2016-11-05T06:30:00Z 2016-11-06T07:30:00Z 2016-11-07T07:30:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2016-11-05T00:00:00Z", "2016-11-08T00:00:00Z",
        "2016-11-05T05:30:00Z 2016-11-06T05:30:00Z 2016-11-07T06:30:00Z")]
    // Interval-like jobs fire in both passes of the repeated hour
    [InlineData("0 * * * *", "America/New_York", "2016-11-06T03:30:00Z", "2016-11-06T07:30:00Z",
        "2016-11-06T04:00:00Z 2016-11-06T05:00:00Z 2016-11-06T06:00:00Z 2016-11-06T07:00:00Z")]
    [InlineData("*/15 * * * *", "America/New_York", "2016-11-06T05:35:00Z", "2016-11-06T06:35:00Z",
        "2016-11-06T05:45:00Z 2016-11-06T06:00:00Z 2016-11-06T06:15:00Z 2016-11-06T06:30:00Z")]
    // Australia/Lord_Howe moves by 30 minutes. Fall back 2016-04-03 02:00 (+11) -> 01:30 (+10:30) at 15:00Z
    [InlineData("*/15 * * * *", "Australia/Lord_Howe", "2016-04-02T14:20:00Z", "2016-04-02T15:40:00Z",
        "2016-04-02T14:30:00Z 2016-04-02T14:45:00Z 2016-04-02T15:00:00Z 2016-04-02T15:15:00Z 2016-04-02T15:30:00Z")]
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2016-04-01T00:00:00Z", "2016-04-04T00:00:00Z",
        "2016-04-01T14:45:00Z 2016-04-02T14:45:00Z 2016-04-03T15:15:00Z")]
    // Spring forward 2016-10-02 02:00 (+10:30) -> 02:30 (+11) at 2016-10-01T15:30Z: 02:15 moves to 02:30
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2016-09-30T00:00:00Z", "2016-10-03T00:00:00Z",
        "2016-09-30T15:45:00Z 2016-10-01T15:30:00Z 2016-10-02T15:15:00Z")]
    [InlineData("*/15 * * * *", "Australia/Lord_Howe", "2016-10-01T15:00:00Z", "2016-10-01T15:50:00Z",
        "2016-10-01T15:15:00Z 2016-10-01T15:30:00Z 2016-10-01T15:45:00Z")]
    // Europe/London, spring forward 2016-03-27 01:00 GMT -> 02:00 BST (01:00Z)
    [InlineData("30 1 * * *", "Europe/London", "2016-03-26T00:00:00Z", "2016-03-29T00:00:00Z",
        "2016-03-26T01:30:00Z 2016-03-27T01:00:00Z 2016-03-28T00:30:00Z")]
    [InlineData("0 * * * *", "Europe/London", "2016-03-26T23:30:00Z", "2016-03-27T02:30:00Z",
        "2016-03-27T00:00:00Z 2016-03-27T01:00:00Z 2016-03-27T02:00:00Z")]
    // Europe/London, fall back 2016-10-30 02:00 BST -> 01:00 GMT (01:00Z)
    [InlineData("30 1 * * *", "Europe/London", "2016-10-29T00:00:00Z", "2016-11-01T00:00:00Z",
        "2016-10-29T00:30:00Z 2016-10-30T00:30:00Z 2016-10-31T01:30:00Z")]
    [InlineData("0 * * * *", "Europe/London", "2016-10-29T23:30:00Z", "2016-10-30T02:30:00Z",
        "2016-10-30T00:00:00Z 2016-10-30T01:00:00Z 2016-10-30T02:00:00Z")]
    public void GetNextAfter_AcrossDstChange_FiresExpectedInstants(string expression, string zone, string after, string to, string expected)
    {
        var calculator = Calculator(Cron(expression, zone));

        var instants = Walk(calculator, At(after), At(to));

        Assert.Equal(Format(expected), Format(instants));
    }

    [Theory]
    [InlineData("30 2 * * *", "America/New_York", "2016-03-13")]
    [InlineData("30 2 * * *", "America/New_York", "2016-11-06")]
    [InlineData("30 1 * * *", "America/New_York", "2016-11-06")]
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2016-10-02")]
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2016-04-03")]
    [InlineData("30 1 * * *", "Europe/London", "2016-03-27")]
    [InlineData("30 1 * * *", "Europe/London", "2016-10-30")]
    public void GetNextAfter_DailyJobOnDstDay_FiresExactlyOnceThatLocalDay(string expression, string zone, string localDay)
    {
        var calculator = Calculator(Cron(expression, zone));
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var day = DateOnly.Parse(localDay, System.Globalization.CultureInfo.InvariantCulture);

        var instants = Walk(calculator, At(localDay).AddDays(-3), At(localDay).AddDays(3));

        Assert.Single(instants, i => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(i, tz).DateTime) == day);
        Assert.All(instants.Zip(instants.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromHours(22)));
    }
}
