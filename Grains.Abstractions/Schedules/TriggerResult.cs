namespace OrleansCron.Schedules;

/// <summary>The result of a manual trigger.</summary>
/// <param name="Outcome">Ok when a run was started; Conflict when the overlap policy refused it; NotFound.</param>
/// <param name="RunId">The manual run's id.</param>
/// <param name="Occurrence">The manual run's occurrence number.</param>
/// <param name="Message">Why it was refused.</param>
[GenerateSerializer, Immutable, Alias("oc.TriggerResult")]
public sealed record TriggerResult(
    [property: Id(0)] ScheduleOutcome Outcome,
    [property: Id(1)] string? RunId,
    [property: Id(2)] long? Occurrence,
    [property: Id(3)] string? Message = null);
