using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class SchedulingOptionsTests
{
    [Fact]
    public void Defaults_APeriodBeyondOrleansLoadingWindow_AndAtLeastItsFloor()
    {
        // Orleans holds a reminder in memory only within 10 minutes of its next tick: ticks further apart than that are
        // what keeps most reminders out of memory.
        var options = new SchedulingOptions();

        Assert.True(options.ReminderPeriod >= 2 * new Orleans.Hosting.ReminderOptions().ReminderLoadingWindow, $"period {options.ReminderPeriod}");
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
    [InlineData("01:00:01")]
    [InlineData("1.00:00:00")]
    public void Validate_PeriodOutsideOneSecondToAnHour_IsRefused(string period)
    {
        var options = new SchedulingOptions { ReminderPeriod = TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new SchedulingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(SchedulingOptions.ReminderPeriod), result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_ACompletionRateBelowOneASecond_IsRefused(int rate)
    {
        var result = new SchedulingOptionsValidator().Validate(null, new SchedulingOptions { CompletionRate = rate });

        Assert.True(result.Failed);
        Assert.Contains(nameof(SchedulingOptions.CompletionRate), result.FailureMessage, StringComparison.Ordinal);
    }
}
