using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule's retry policy.</summary>
public sealed record RetryPolicyResponse(
    int MaxAttempts,
    double InitialDelaySeconds,
    double Multiplier,
    double MaxDelaySeconds,
    double Jitter)
{
    internal static RetryPolicyResponse From(RetryPolicy policy) =>
        new(policy.MaxAttempts, policy.InitialDelaySeconds, policy.Multiplier, policy.MaxDelaySeconds, policy.Jitter);
}
