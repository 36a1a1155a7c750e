using System.Text.Json.Serialization;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule as clients send it (POST, PUT, and the merged result of a PATCH). Absent fields take their defaults.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleRequest
{
    /// <summary>Fields a client may send back from a GET: ignored by PUT, refused by POST and PATCH.</summary>
    internal static readonly string[] ReadOnlyFields =
        ["id", "status", "next_fire_at", "last_run", "created_at", "updated_at", "owns_target"];

    /// <summary>The target it fires. Exactly one of target_id and target.</summary>
    public string? TargetId { get; init; }

    /// <summary>An inline target, created with the schedule and deleted with it (POST only).</summary>
    public TargetRequest? Target { get; init; }

    /// <summary>interval, cron or once (required).</summary>
    public string? ScheduleType { get; init; }

    /// <summary>interval: seconds between fires, at least 1.</summary>
    public long? IntervalSeconds { get; init; }

    /// <summary>cron: 5 fields, or 6 with seconds first.</summary>
    public string? CronExpression { get; init; }

    /// <summary>IANA time zone the cron expression is evaluated in (and upcoming times are shown in); defaults to UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>once: the instant (UTC or with an offset), not in the past. Exactly one of run_at and delay_seconds.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>once: seconds from now.</summary>
    public long? DelaySeconds { get; init; }

    /// <summary>interval and cron: window start, and the interval's anchor; defaults to now.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>interval and cron: window end (exclusive), after start_at. At most one of end_at and duration_seconds.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>interval and cron: window length in seconds from start_at.</summary>
    public long? DurationSeconds { get; init; }

    /// <summary>skip, buffer_one or allow; defaults to skip.</summary>
    public string? OverlapPolicy { get; init; }

    /// <summary>fire_once, skip or fire_all; defaults to fire_once.</summary>
    public string? MisfirePolicy { get; init; }

    /// <summary>How late a fire may be and still count as on time, 0 to 86400 seconds; defaults to 60.</summary>
    public int? MisfireGraceSeconds { get; init; }

    /// <summary>Retry policy; absent fields take their defaults.</summary>
    public RetryPolicyRequest? RetryPolicy { get; init; }

    /// <summary>Free-form labels for filtering.</summary>
    public string[]? Tags { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Who owns the schedule; defaults to "default".</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// A stored schedule in request shape, the base a PATCH is merged onto. Relative fields are left out: their
    /// resolved instants (run_at, end_at) stand for them, so a patch that changes nothing keeps the same instants.
    /// </summary>
    internal static ScheduleRequest From(ScheduleSpec spec) => new()
    {
        TargetId = spec.TargetId,
        ScheduleType = WireNames.ScheduleTypes.ToWire(spec.Kind),
        IntervalSeconds = spec.IntervalSeconds,
        CronExpression = spec.CronExpression,
        TimeZone = spec.TimeZone,
        RunAt = spec.RunAt,
        StartAt = spec.StartAt,
        EndAt = spec.EndAt,
        OverlapPolicy = WireNames.OverlapPolicies.ToWire(spec.Overlap),
        MisfirePolicy = WireNames.MisfirePolicies.ToWire(spec.Misfire),
        MisfireGraceSeconds = spec.MisfireGraceSeconds,
        RetryPolicy = new RetryPolicyRequest
        {
            MaxAttempts = spec.Retry.MaxAttempts,
            InitialDelaySeconds = spec.Retry.InitialDelaySeconds,
            Multiplier = spec.Retry.Multiplier,
            MaxDelaySeconds = spec.Retry.MaxDelaySeconds,
            Jitter = spec.Retry.Jitter,
        },
        Tags = spec.Tags.IsDefaultOrEmpty ? null : [.. spec.Tags],
        Description = spec.Description,
        Owner = spec.Owner,
    };
}
