using OrleansCron.Runs;

namespace OrleansCron.Schedules;

/// <summary>The latest run of a schedule, in short.</summary>
[GenerateSerializer, Immutable, Alias("oc.RunSummary")]
public sealed record RunSummary(
    [property: Id(0)] string RunId,
    [property: Id(1)] long Occurrence,
    [property: Id(2)] DateTimeOffset ScheduledAt,
    [property: Id(3)] RunStatus Status,
    [property: Id(4)] RunTrigger Trigger,
    [property: Id(5)] int Attempts,
    [property: Id(6)] DateTimeOffset? FinishedAt);
