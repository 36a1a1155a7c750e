namespace OrleansCron.Runs;

/// <summary>What the dispatcher reports back to the schedule after an attempt.</summary>
/// <param name="Occurrence">The run's occurrence.</param>
/// <param name="DispatchId">Identifies the dispatch, so a stale report (from before a restart) is ignored.</param>
/// <param name="Attempt">The attempt as recorded.</param>
/// <param name="Retryable">True when the failure class may be retried (timeouts, connection, 5xx, 429, 408).</param>
/// <param name="RetryAfter">The target's <c>Retry-After</c>, when it gave one.</param>
[GenerateSerializer, Immutable, Alias("oc.AttemptOutcome")]
public sealed record AttemptOutcome(
    [property: Id(0)] long Occurrence,
    [property: Id(1)] Guid DispatchId,
    [property: Id(2)] AttemptRecord Attempt,
    [property: Id(3)] bool Retryable,
    [property: Id(4)] TimeSpan? RetryAfter);
