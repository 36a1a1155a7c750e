namespace OrleansCron.Metrics;

/// <summary>A schedule's (or the whole service's) metrics.</summary>
[GenerateSerializer, Immutable, Alias("oc.MetricsSnapshot")]
public sealed record MetricsSnapshot(
    [property: Id(0)] string Scope,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] MetricsWindow AllTime,
    [property: Id(3)] MetricsWindow LastHour,
    [property: Id(4)] MetricsWindow LastDay);
