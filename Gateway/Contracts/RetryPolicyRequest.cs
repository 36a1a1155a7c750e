using System.Text.Json.Serialization;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule's retry policy as clients send it. Absent fields take their defaults.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RetryPolicyRequest
{
    /// <summary>Attempts in all, the first included: 1 to 20; defaults to 3.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Seconds before the second attempt, 0 to 86400; defaults to 1.</summary>
    public double? InitialDelaySeconds { get; init; }

    /// <summary>Each further delay is the previous one times this: 1 to 100; defaults to 2.</summary>
    public double? Multiplier { get; init; }

    /// <summary>Upper bound of any delay in seconds, at least the initial delay and at most 86400; defaults to 60.</summary>
    public double? MaxDelaySeconds { get; init; }

    /// <summary>Fraction of each delay that is randomised, 0 to 1; defaults to 0.2.</summary>
    public double? Jitter { get; init; }
}
