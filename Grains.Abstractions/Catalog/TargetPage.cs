using System.Collections.Immutable;
using OrleansCron.Targets;

namespace OrleansCron.Catalog;

/// <summary>A page of targets and the cursor of the next page (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("oc.TargetPage")]
public sealed record TargetPage(
    [property: Id(0)] ImmutableArray<TargetView> Items,
    [property: Id(1)] string? NextCursor);
