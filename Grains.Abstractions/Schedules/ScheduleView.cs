namespace OrleansCron.Schedules;

/// <summary>A stored schedule as callers see it.</summary>
/// <param name="Id">The schedule id.</param>
/// <param name="Spec">Its definition, with relative fields resolved.</param>
/// <param name="Status">Active, paused or completed.</param>
/// <param name="NextFireAt">The next instant it will fire (UTC), or null.</param>
/// <param name="LastRun">The latest run, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its definition or status last changed.</param>
/// <param name="OwnsTarget">True when its target was created inline and is deleted with it.</param>
[GenerateSerializer, Immutable, Alias("oc.ScheduleView")]
public sealed record ScheduleView(
    [property: Id(0)] string Id,
    [property: Id(1)] ScheduleSpec Spec,
    [property: Id(2)] ScheduleStatus Status,
    [property: Id(3)] DateTimeOffset? NextFireAt,
    [property: Id(4)] RunSummary? LastRun,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] bool OwnsTarget);
