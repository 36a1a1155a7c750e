using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.History;

/// <summary>
/// Durable run history. A run row is its occurrence's claim: inserting it is the only way to start an
/// occurrence, and the unique key (schedule, occurrence) makes a second claim fail instead of sending twice. Every
/// later step that leads to a send (a waiting run started, a retry sent, a cut-off attempt fired again) is a change
/// made only from the state its writer saw, so of two activations holding the same run only one moves it on.
/// Writes from all grains of a silo are group-committed: one commit per batch, not per fire.
/// </summary>
internal interface IRunStore
{
    /// <summary>Inserts each run whose (schedule, occurrence) is free, in one commit. The result says, per run,
    /// whether this call claimed it (false: someone else already had).</summary>
    Task<ImmutableArray<bool>> TryClaimAsync(ImmutableArray<RunRecord> runs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the mutable fields (status, times, attempts, next attempt, claimed by) of each run that is still as its
    /// change's <see cref="RunChange.From"/> (same status, claiming silo and waiting retry), in one commit. The result
    /// says, per change, whether it was written. False: the run moved on under another activation (or is gone), and
    /// the caller must not act on it, least of all send it: a run is started only by the one change that moves it on.
    /// </summary>
    Task<ImmutableArray<bool>> TryUpdateAsync(ImmutableArray<RunChange> changes, CancellationToken cancellationToken = default);

    /// <summary>What a schedule rebuilds its firing position from on activation.</summary>
    Task<ScheduleRunState> LoadScheduleStateAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Who holds the claims on unfinished (pending or running) runs: one entry per schedule and claiming
    /// silo. Few rows (the runs in flight or waiting), read through a partial index.</summary>
    Task<ImmutableArray<UnfinishedClaim>> ListUnfinishedClaimsAsync(CancellationToken cancellationToken = default);

    /// <summary>One run, or null.</summary>
    Task<RunRecord?> GetAsync(string scheduleId, long occurrence, CancellationToken cancellationToken = default);

    /// <summary>Runs matching the query, newest scheduled first (ties by id, descending).</summary>
    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="batchSize"/> final runs that finished before <paramref name="finishedBefore"/>; returns how many.
    /// Never deletes a schedule's latest run, which holds its firing position.</summary>
    Task<int> PruneAsync(DateTimeOffset finishedBefore, int batchSize, CancellationToken cancellationToken = default);
}
