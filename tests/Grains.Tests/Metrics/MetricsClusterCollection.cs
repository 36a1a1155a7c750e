namespace OrleansCron.Tests.Metrics;

/// <summary>Tests sharing one metrics silo. They share its fake clock too, so each uses its own grain keys and
/// reads instants from the clock instead of assuming them.</summary>
[CollectionDefinition(Name)]
public sealed class MetricsClusterCollection : ICollectionFixture<MetricsClusterFixture>
{
    public const string Name = "Metrics cluster";
}
