namespace OrleansCron.Scheduling;

/// <summary>The production jitter source: the one place in the grains that reads <see cref="Random.Shared"/>.</summary>
internal sealed class SystemJitterSource : IJitterSource
{
    public static readonly SystemJitterSource Instance = new();

    private SystemJitterSource()
    {
    }

    public double NextDouble() => Random.Shared.NextDouble();
}
