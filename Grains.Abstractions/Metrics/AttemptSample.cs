using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>One attempt, as fed to metrics.</summary>
[GenerateSerializer, Immutable, Alias("oc.AttemptSample")]
public sealed record AttemptSample(
    [property: Id(0)] ErrorClass ErrorClass,
    [property: Id(1)] double DurationMs,
    [property: Id(2)] DateTimeOffset StartedAt);
