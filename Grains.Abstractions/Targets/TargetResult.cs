namespace OrleansCron.Targets;

/// <summary>The result of a target operation: an outcome, the target after it, and a reason when refused.</summary>
[GenerateSerializer, Immutable, Alias("oc.TargetResult")]
public sealed record TargetResult(
    [property: Id(0)] TargetOutcome Outcome,
    [property: Id(1)] TargetView? Target,
    [property: Id(2)] string? Message = null)
{
    /// <summary>No such target.</summary>
    public static readonly TargetResult NotFound = new(TargetOutcome.NotFound, null);
}
