using OrleansCron.Schedules;

namespace OrleansCron.Catalog;

/// <summary>A filter over schedules, in id order.</summary>
[GenerateSerializer, Immutable, Alias("oc.ScheduleQuery")]
public sealed record ScheduleQuery(
    [property: Id(0)] ScheduleStatus? Status,
    [property: Id(1)] ScheduleKind? Kind,
    [property: Id(2)] string? Tag,
    [property: Id(3)] string? TargetId,
    [property: Id(4)] string? Owner,
    [property: Id(5)] string? Cursor,
    [property: Id(6)] int Limit);
