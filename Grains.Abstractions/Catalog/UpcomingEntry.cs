namespace OrleansCron.Catalog;

/// <summary>A schedule's next fire, for the cross-schedule upcoming list.</summary>
[GenerateSerializer, Immutable, Alias("oc.UpcomingEntry")]
public sealed record UpcomingEntry(
    [property: Id(0)] string ScheduleId,
    [property: Id(1)] string TargetId,
    [property: Id(2)] DateTimeOffset NextFireAt);
