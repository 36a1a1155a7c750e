namespace OrleansCron.Catalog;

/// <summary>A filter over targets, in id order.</summary>
[GenerateSerializer, Immutable, Alias("oc.TargetQuery")]
public sealed record TargetQuery(
    [property: Id(0)] string? Tag,
    [property: Id(1)] string? Owner,
    [property: Id(2)] string? Cursor,
    [property: Id(3)] int Limit);
