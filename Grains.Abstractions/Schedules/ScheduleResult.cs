namespace OrleansCron.Schedules;

/// <summary>The result of a schedule operation.</summary>
[GenerateSerializer, Immutable, Alias("oc.ScheduleResult")]
public sealed record ScheduleResult(
    [property: Id(0)] ScheduleOutcome Outcome,
    [property: Id(1)] ScheduleView? Schedule,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? Message = null)
{
    /// <summary>No such schedule.</summary>
    public static readonly ScheduleResult NotFound = new(ScheduleOutcome.NotFound, null);

    /// <summary>Refused: <paramref name="field"/> is invalid.</summary>
    public static ScheduleResult Invalid(string field, string message) => new(ScheduleOutcome.Invalid, null, field, message);
}
