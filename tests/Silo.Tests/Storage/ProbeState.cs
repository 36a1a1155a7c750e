namespace OrleansCron.Tests.Storage;

/// <summary>What <see cref="StorageProbeGrain"/> stores.</summary>
internal sealed class ProbeState
{
    public string? Value { get; set; }

    public ProbeMood Mood { get; set; }

    public DateTimeOffset WrittenAt { get; set; }
}
