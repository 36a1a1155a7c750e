using System.Collections.Immutable;
using OrleansCron.Dispatch;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Dispatch;

/// <summary>Attempts with fixed ids and instants, aimed at a URL.</summary>
internal static class DispatchRequests
{
    public static readonly DateTimeOffset ScheduledAt = new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);

    public static TargetSpec Target(
        string url,
        string method = "POST",
        string? body = null,
        int timeoutSeconds = 10,
        ImmutableDictionary<string, string>? headers = null,
        ImmutableArray<int> successCodes = default) =>
        new("test", url, method, headers ?? ImmutableDictionary<string, string>.Empty, body, timeoutSeconds,
            successCodes.IsDefault ? [] : successCodes, [], TargetSpec.DefaultOwner);

    public static DispatchRequest For(TargetSpec target, int attempt = 1, DateTimeOffset? notBefore = null, long occurrence = 7) =>
        new("sched-1", "run-1", occurrence, attempt, Guid.NewGuid(), ScheduledAt, notBefore ?? DateTimeOffset.MinValue, target);
}
