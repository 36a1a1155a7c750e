using System.Collections.Immutable;

namespace OrleansCron.Schedules;

/// <summary>What a user defines for a schedule. Relative fields (<see cref="DelaySeconds"/>,
/// <see cref="DurationSeconds"/>) are resolved into <see cref="RunAt"/> and <see cref="EndAt"/> when the
/// schedule is created or replaced.</summary>
/// <param name="TargetId">The target it fires.</param>
/// <param name="Kind">Interval, cron or once.</param>
/// <param name="IntervalSeconds">For <see cref="ScheduleKind.Interval"/>: seconds between instants (at least 1).</param>
/// <param name="CronExpression">For <see cref="ScheduleKind.Cron"/>: 5 fields, or 6 with seconds first.</param>
/// <param name="TimeZone">IANA zone the cron expression is evaluated in.</param>
/// <param name="RunAt">For <see cref="ScheduleKind.Once"/>: the instant.</param>
/// <param name="DelaySeconds">For <see cref="ScheduleKind.Once"/>: the delay from creation, as given.</param>
/// <param name="StartAt">Window start, and the interval anchor.</param>
/// <param name="EndAt">Window end (exclusive); the schedule completes there.</param>
/// <param name="DurationSeconds">Window length from the start, as given.</param>
/// <param name="Overlap">What to do when an occurrence is due while a run is going.</param>
/// <param name="Misfire">What to do with occurrences missed while down.</param>
/// <param name="MisfireGraceSeconds">How late an occurrence may fire and still count as on time.</param>
/// <param name="Retry">Retry policy for failed attempts.</param>
/// <param name="Tags">Free-form labels for filtering.</param>
/// <param name="Description">Free text.</param>
/// <param name="Owner">Who owns the schedule.</param>
[GenerateSerializer, Immutable, Alias("oc.ScheduleSpec")]
public sealed record ScheduleSpec(
    [property: Id(0)] string TargetId,
    [property: Id(1)] ScheduleKind Kind,
    [property: Id(2)] long? IntervalSeconds,
    [property: Id(3)] string? CronExpression,
    [property: Id(4)] string TimeZone,
    [property: Id(5)] DateTimeOffset? RunAt,
    [property: Id(6)] long? DelaySeconds,
    [property: Id(7)] DateTimeOffset? StartAt,
    [property: Id(8)] DateTimeOffset? EndAt,
    [property: Id(9)] long? DurationSeconds,
    [property: Id(10)] OverlapPolicy Overlap,
    [property: Id(11)] MisfirePolicy Misfire,
    [property: Id(12)] int MisfireGraceSeconds,
    [property: Id(13)] RetryPolicy Retry,
    [property: Id(14)] ImmutableArray<string> Tags,
    [property: Id(15)] string? Description,
    [property: Id(16)] string Owner)
{
    /// <summary>Default grace: an occurrence up to a minute late still fires as scheduled.</summary>
    public const int DefaultMisfireGraceSeconds = 60;
}
