using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Which failed attempts are retried, and after how long.</summary>
internal static class RetryRules
{
    /// <summary>
    /// True for failures that a later attempt may not repeat: timeouts, DNS and connection failures, 5xx, a crash
    /// that cut the attempt off, and the two 4xx that ask to come back (408 Request Timeout, 429 Too Many Requests).
    /// TLS failures, other 4xx, oversized responses, blocked addresses and unknown errors would fail the same way.
    /// </summary>
    public static bool IsRetryable(ErrorClass errorClass, int? statusCode) => errorClass switch
    {
        ErrorClass.Timeout or ErrorClass.Dns or ErrorClass.Connection or ErrorClass.Http5xx or ErrorClass.Interrupted => true,
        ErrorClass.Http4xx => statusCode is 408 or 429,
        _ => false,
    };

    /// <summary>
    /// The delay before the next attempt after <paramref name="attemptsMade"/> attempts (at least 1), or null when
    /// <see cref="RetryPolicy.MaxAttempts"/> are spent.
    /// </summary>
    /// <remarks>
    /// The base delay is <c>InitialDelay * Multiplier^(attemptsMade - 1)</c>, moved by up to <c>Jitter</c> of itself
    /// either way: <c>base * (1 + Jitter * (2 * random01 - 1))</c>, so that targets failing together are not retried
    /// together. A <paramref name="retryAfter"/> from the target replaces it: the target knows best when to come
    /// back. Either way the delay is clamped to [0, <see cref="RetryPolicy.MaxDelaySeconds"/>].
    /// </remarks>
    /// <param name="policy">The schedule's retry policy.</param>
    /// <param name="attemptsMade">Attempts made so far, the failed one included.</param>
    /// <param name="retryAfter">The target's <c>Retry-After</c>, when it sent one.</param>
    /// <param name="random01">A number in [0, 1] (see <see cref="IJitterSource"/>).</param>
    public static TimeSpan? NextDelay(RetryPolicy policy, int attemptsMade, TimeSpan? retryAfter, double random01)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= policy.MaxAttempts)
        {
            return null;
        }

        double seconds;
        if (retryAfter is { } requested)
        {
            seconds = requested.TotalSeconds;
        }
        else
        {
            var baseSeconds = policy.InitialDelaySeconds * Math.Pow(policy.Multiplier, attemptsMade - 1);
            var spread = Clamp(policy.Jitter, 0, 1) * ((2 * Clamp(random01, 0, 1)) - 1);
            seconds = baseSeconds * (1 + spread);
        }

        return TimeSpan.FromSeconds(Clamp(seconds, 0, Clamp(policy.MaxDelaySeconds, 0, TimeSpan.MaxValue.TotalSeconds)));
    }

    // Unlike Math.Clamp, sends NaN to the lower bound instead of passing it through.
    private static double Clamp(double value, double min, double max) => value >= min ? Math.Min(value, max) : min;
}
