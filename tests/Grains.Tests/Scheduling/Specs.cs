using System.Globalization;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

/// <summary>Spec builders and instant parsing shared by the scheduling tests.</summary>
internal static class Specs
{
    public static ScheduleSpec Interval(long seconds, string start, string? end = null, string zone = "UTC") =>
        Make(ScheduleKind.Interval, zone) with { IntervalSeconds = seconds, StartAt = At(start), EndAt = AtOrNull(end) };

    public static ScheduleSpec Cron(string expression, string zone = "UTC", string? start = null, string? end = null) =>
        Make(ScheduleKind.Cron, zone) with { CronExpression = expression, StartAt = AtOrNull(start), EndAt = AtOrNull(end) };

    public static ScheduleSpec Once(string runAt, string zone = "UTC") =>
        Make(ScheduleKind.Once, zone) with { RunAt = At(runAt) };

    public static ScheduleSpec Make(ScheduleKind kind, string zone = "UTC") => new(
        "target-1", kind, null, null, zone, null, null, null, null, null,
        OverlapPolicy.Skip, MisfirePolicy.FireOnce, ScheduleSpec.DefaultMisfireGraceSeconds, RetryPolicy.Default, [], null, "default");

    public static NextRunCalculator Calculator(ScheduleSpec spec)
    {
        var created = NextRunCalculator.TryCreate(spec, out var calculator, out var field, out var error);

        Assert.True(created, $"{field}: {error}");
        return calculator!;
    }

    public static DateTimeOffset At(string instant) =>
        DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? AtOrNull(string? instant) => instant is null ? null : At(instant);

    /// <summary>Every instant in (after, to] by repeated <see cref="NextRunCalculator.GetNextAfter"/>.</summary>
    public static List<DateTimeOffset> Walk(NextRunCalculator calculator, DateTimeOffset after, DateTimeOffset to)
    {
        var instants = new List<DateTimeOffset>();
        for (var next = calculator.GetNextAfter(after); next is { } n && n <= to && instants.Count < 100_000; next = calculator.GetNextAfter(n))
        {
            instants.Add(n);
        }

        return instants;
    }

    public static string Format(IEnumerable<DateTimeOffset> instants) =>
        string.Join(" ", instants.Select(i => i.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));

    public static string Format(string instants) => Format(instants.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(At));
}
