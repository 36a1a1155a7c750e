using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

/// <summary>One caller's claim or update, waiting in the group-commit queue. Completed only after the batch
/// holding it has committed (or failed).</summary>
internal sealed class RunWriteRequest
{
    private RunWriteRequest(ImmutableArray<RunRecord> runs, ImmutableArray<RunRecord> seen)
    {
        Runs = runs;
        Seen = seen;
    }

    /// <summary>Inserts, each only if its occurrence is free.</summary>
    public static RunWriteRequest Claim(ImmutableArray<RunRecord> runs) => new(runs, default);

    /// <summary>Updates, each only if its row is still as <paramref name="seen"/> (the same index) says.</summary>
    public static RunWriteRequest Update(ImmutableArray<RunRecord> runs, ImmutableArray<RunRecord> seen) => new(runs, seen);

    public bool IsClaim => Seen.IsDefault;

    public ImmutableArray<RunRecord> Runs { get; }

    /// <summary>For an update, each row as its writer last saw it; default for a claim.</summary>
    public ImmutableArray<RunRecord> Seen { get; }

    public TaskCompletionSource<ImmutableArray<bool>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
