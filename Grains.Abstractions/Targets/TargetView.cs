namespace OrleansCron.Targets;

/// <summary>A stored target as callers see it. Secret header values are masked.</summary>
/// <param name="Id">The target id.</param>
/// <param name="Spec">The request definition, with secret header values replaced by <see cref="SecretHeaders.Mask"/>.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="ScheduleCount">How many schedules fire this target.</param>
/// <param name="OwnerScheduleId">Set when the target was created inline by a schedule and is owned by it.</param>
[GenerateSerializer, Immutable, Alias("oc.TargetView")]
public sealed record TargetView(
    [property: Id(0)] string Id,
    [property: Id(1)] TargetSpec Spec,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] int ScheduleCount,
    [property: Id(5)] string? OwnerScheduleId);
