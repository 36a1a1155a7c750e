using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A stored schedule. Relative fields (delay_seconds, duration_seconds) are shown as given, next to the instants they resolved to.</summary>
public sealed record ScheduleResponse(
    string Id,
    string TargetId,
    string ScheduleType,
    long? IntervalSeconds,
    string? CronExpression,
    string TimeZone,
    DateTimeOffset? RunAt,
    long? DelaySeconds,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    long? DurationSeconds,
    string OverlapPolicy,
    string MisfirePolicy,
    int MisfireGraceSeconds,
    RetryPolicyResponse RetryPolicy,
    IReadOnlyList<string> Tags,
    string? Description,
    string Owner,
    string Status,
    DateTimeOffset? NextFireAt,
    LastRunResponse? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool OwnsTarget)
{
    internal static ScheduleResponse From(ScheduleView view)
    {
        var spec = view.Spec;
        return new(
            view.Id,
            spec.TargetId,
            WireNames.ScheduleTypes.ToWire(spec.Kind),
            spec.IntervalSeconds,
            spec.CronExpression,
            spec.TimeZone,
            spec.RunAt,
            spec.DelaySeconds,
            spec.StartAt,
            spec.EndAt,
            spec.DurationSeconds,
            WireNames.OverlapPolicies.ToWire(spec.Overlap),
            WireNames.MisfirePolicies.ToWire(spec.Misfire),
            spec.MisfireGraceSeconds,
            RetryPolicyResponse.From(spec.Retry),
            spec.Tags.IsDefault ? [] : spec.Tags,
            spec.Description,
            spec.Owner,
            WireNames.ScheduleStatuses.ToWire(view.Status),
            view.NextFireAt,
            view.LastRun is null ? null : LastRunResponse.From(view.LastRun),
            view.CreatedAt,
            view.UpdatedAt,
            view.OwnsTarget);
    }
}
