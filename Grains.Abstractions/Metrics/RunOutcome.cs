using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>A finished run, as fed to metrics.</summary>
[GenerateSerializer, Immutable, Alias("oc.RunOutcome")]
public sealed record RunOutcome(
    [property: Id(0)] string ScheduleId,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] DateTimeOffset FinishedAt,
    [property: Id(3)] ImmutableArray<AttemptSample> Attempts);
