using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

/// <summary>One caller's claim or update, waiting in the group-commit queue. Completed only after the batch
/// holding it has committed (or failed).</summary>
internal sealed class RunWriteRequest(bool isClaim, ImmutableArray<RunRecord> runs)
{
    public bool IsClaim { get; } = isClaim;

    public ImmutableArray<RunRecord> Runs { get; } = runs;

    public TaskCompletionSource<ImmutableArray<bool>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
