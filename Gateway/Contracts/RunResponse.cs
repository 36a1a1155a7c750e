using OrleansCron.Runs;

namespace OrleansCron.Gateway.Contracts;

/// <summary>One occurrence of a schedule and its attempts.</summary>
public sealed record RunResponse(
    string Id,
    string ScheduleId,
    string TargetId,
    long Occurrence,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Status,
    string Trigger,
    IReadOnlyList<AttemptResponse> Attempts,
    DateTimeOffset? NextAttemptAt,
    string Owner)
{
    internal static RunResponse From(RunRecord run) =>
        new(
            run.Id,
            run.ScheduleId,
            run.TargetId,
            run.Occurrence,
            run.ScheduledAt,
            run.StartedAt,
            run.FinishedAt,
            WireNames.RunStatuses.ToWire(run.Status),
            WireNames.RunTriggers.ToWire(run.Trigger),
            run.Attempts.IsDefault ? [] : [.. run.Attempts.Select(AttemptResponse.From)],
            run.NextAttemptAt,
            run.Owner);
}
