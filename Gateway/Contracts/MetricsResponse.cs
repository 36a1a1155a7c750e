using OrleansCron.Metrics;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule's (or the whole service's, scope "$global") metrics.</summary>
public sealed record MetricsResponse(
    string Scope,
    DateTimeOffset AsOf,
    MetricsWindowResponse AllTime,
    MetricsWindowResponse LastHour,
    MetricsWindowResponse LastDay)
{
    internal static MetricsResponse From(MetricsSnapshot snapshot) =>
        new(
            snapshot.Scope,
            snapshot.AsOf,
            MetricsWindowResponse.From(snapshot.AllTime),
            MetricsWindowResponse.From(snapshot.LastHour),
            MetricsWindowResponse.From(snapshot.LastDay));
}
