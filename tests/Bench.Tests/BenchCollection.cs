namespace OrleansCron.Bench.Tests;

/// <summary>The smoke tests each run real service processes; one at a time, so they do not share the CPU.</summary>
[CollectionDefinition(Name)]
public sealed class BenchCollection
{
    public const string Name = "bench";
}
