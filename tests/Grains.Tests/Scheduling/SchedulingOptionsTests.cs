using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class SchedulingOptionsTests
{
    [Fact]
    public void Defaults_TickWellInsideTheIdleCollectionAge()
    {
        // A tick is what keeps a schedule with a long gap between its instants from being collected (after 15 minutes
        // idle): two ticks in a row may be lost and the grain still stays.
        var options = new SchedulingOptions();

        Assert.True(options.ReminderPeriod * 3 <= TimeSpan.FromMinutes(15), $"period {options.ReminderPeriod}");
        Assert.True(options.ReminderPeriod >= TimeSpan.FromMinutes(1), "Orleans' own floor");
    }

    [Theory]
    [InlineData(2, 5, 7)]
    [InlineData(2, 1, 3)]
    [InlineData(30, 5, 30)]
    [InlineData(0, 10, 12)]
    public void SweepHorizon_IsTheSettingButNeverShortOfAPeriodAndTheMargin(int settingMinutes, int periodMinutes, int expectedMinutes)
    {
        var options = new SchedulingOptions
        {
            StartupSweepHorizon = TimeSpan.FromMinutes(settingMinutes),
            ReminderPeriod = TimeSpan.FromMinutes(periodMinutes),
        };

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), options.SweepHorizon);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:01")]
    [InlineData("01:00:00")]
    public void Validate_PeriodOutsideOneSecondToTenMinutes_IsRefused(string period)
    {
        var options = new SchedulingOptions { ReminderPeriod = TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new SchedulingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(SchedulingOptions.ReminderPeriod), result.FailureMessage, StringComparison.Ordinal);
    }
}
