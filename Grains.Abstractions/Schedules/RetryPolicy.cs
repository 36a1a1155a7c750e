namespace OrleansCron.Schedules;

/// <summary>
/// How failed attempts are retried: exponential backoff with jitter. Timeouts, DNS and connection failures,
/// 5xx, 429 and 408 are retried; other 4xx never are. A <c>Retry-After</c> header is honoured up to
/// <see cref="MaxDelaySeconds"/>.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included (1 = no retry).</param>
/// <param name="InitialDelaySeconds">Delay before the second attempt.</param>
/// <param name="Multiplier">Each further delay is the previous one times this.</param>
/// <param name="MaxDelaySeconds">Upper bound of any delay.</param>
/// <param name="Jitter">Fraction (0 to 1) of each delay that is randomised, to spread retries out.</param>
[GenerateSerializer, Immutable, Alias("oc.RetryPolicy")]
public sealed record RetryPolicy(
    [property: Id(0)] int MaxAttempts,
    [property: Id(1)] double InitialDelaySeconds,
    [property: Id(2)] double Multiplier,
    [property: Id(3)] double MaxDelaySeconds,
    [property: Id(4)] double Jitter)
{
    /// <summary>Three attempts, 1 s then 2 s apart, at most 60 s, 20 % jitter.</summary>
    public static readonly RetryPolicy Default = new(3, 1, 2, 60, 0.2);
}
