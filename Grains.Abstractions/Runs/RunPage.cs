using System.Collections.Immutable;

namespace OrleansCron.Runs;

/// <summary>A page of runs and the cursor of the next page (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("oc.RunPage")]
public sealed record RunPage(
    [property: Id(0)] ImmutableArray<RunRecord> Items,
    [property: Id(1)] string? NextCursor);
