using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule's latest run, in short.</summary>
public sealed record LastRunResponse(
    string Id,
    long Occurrence,
    DateTimeOffset ScheduledAt,
    string Status,
    string Trigger,
    int Attempts,
    DateTimeOffset? FinishedAt)
{
    internal static LastRunResponse From(RunSummary run) =>
        new(
            run.RunId,
            run.Occurrence,
            run.ScheduledAt,
            WireNames.RunStatuses.ToWire(run.Status),
            WireNames.RunTriggers.ToWire(run.Trigger),
            run.Attempts,
            run.FinishedAt);
}
