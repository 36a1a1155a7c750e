using System.Collections.Immutable;

namespace OrleansCron.Metrics;

/// <summary>Outcomes on their way to one metrics grain; <paramref name="IsRetry"/> once a send has failed.</summary>
internal readonly record struct PendingMetricsBatch(string GrainKey, ImmutableArray<RunOutcome> Runs, bool IsRetry);
