using System.Collections.Immutable;
using OrleansCron.Metrics;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Metrics;

/// <summary>Builds run outcomes for metrics tests.</summary>
internal static class Outcomes
{
    public static RunOutcome Run(string scheduleId, RunStatus status, DateTimeOffset finishedAt, params AttemptSample[] attempts) =>
        new(scheduleId, status, finishedAt, [.. attempts]);

    public static RunOutcome Succeeded(string scheduleId, DateTimeOffset finishedAt, double latencyMs = 100) =>
        Run(scheduleId, RunStatus.Succeeded, finishedAt, Attempt(ErrorClass.None, latencyMs, finishedAt));

    public static AttemptSample Attempt(ErrorClass errorClass, double durationMs, DateTimeOffset startedAt) =>
        new(errorClass, durationMs, startedAt);

    public static ImmutableArray<RunOutcome> Batch(params RunOutcome[] runs) => [.. runs];
}
