using System.Collections.Immutable;
using OrleansCron.History;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

/// <summary>One caller's claims or changes, waiting in the group-commit queue. Completed only after the batch
/// holding it has committed (or failed).</summary>
internal sealed class RunWriteRequest
{
    private readonly ImmutableArray<RunRecord> _claims;
    private readonly ImmutableArray<RunChange> _changes;

    private RunWriteRequest(ImmutableArray<RunRecord> claims, ImmutableArray<RunChange> changes)
    {
        _claims = claims;
        _changes = changes;
    }

    /// <summary>Inserts, each only if its occurrence is free.</summary>
    public static RunWriteRequest Claim(ImmutableArray<RunRecord> runs) => new(runs, default);

    /// <summary>Updates, each only if its row is still as the change's <see cref="RunChange.From"/> says.</summary>
    public static RunWriteRequest Update(ImmutableArray<RunChange> changes) => new(default, changes);

    public bool IsClaim => !_claims.IsDefault;

    /// <summary>The rows it writes.</summary>
    public int Count => IsClaim ? _claims.Length : _changes.Length;

    /// <summary>The row to write at <paramref name="index"/>.</summary>
    public RunRecord RunAt(int index) => IsClaim ? _claims[index] : _changes[index].To;

    /// <summary>For an update, the row as its writer last saw it; null for a claim.</summary>
    public RunRecord? SeenAt(int index) => IsClaim ? null : _changes[index].From;

    public TaskCompletionSource<ImmutableArray<bool>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
