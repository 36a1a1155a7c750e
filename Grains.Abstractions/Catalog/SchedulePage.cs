using System.Collections.Immutable;
using OrleansCron.Schedules;

namespace OrleansCron.Catalog;

/// <summary>A page of schedules and the cursor of the next page (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("oc.SchedulePage")]
public sealed record SchedulePage(
    [property: Id(0)] ImmutableArray<ScheduleView> Items,
    [property: Id(1)] string? NextCursor);
