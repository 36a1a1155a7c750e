using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>0.5 makes jitter a no-op, so backoff delays are exact.</summary>
internal sealed class FixedJitter(double value = 0.5) : IJitterSource
{
    public double NextDouble() => value;
}
