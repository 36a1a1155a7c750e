using System.Net.Http.Headers;

namespace OrleansCron.Dispatch;

/// <summary>Reads a response's <c>Retry-After</c> as a delay from now (never negative).</summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(RetryConditionHeaderValue? value, DateTimeOffset now)
    {
        if (value?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
