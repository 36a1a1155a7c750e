using System.Collections.Immutable;
using OrleansCron.History;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class ScheduleGrain
{
    /// <summary>
    /// Takes over the runs an earlier activation left unfinished. An attempt in flight on a silo that is still alive
    /// is either this process's own (adopted: its report will come here) or another live silo's (left alone). A run
    /// waiting in the queue or for a retry is taken over unless its silo still fires (a stopping silo does not).
    /// A claim by a dead silo was cut off: a retry that was waiting is re-armed; an attempt that was in flight
    /// is recorded as interrupted and fired again under the same idempotency key, unless the misfire policy
    /// is skip or it was cut off too often.
    /// </summary>
    private async Task RecoverAsync(ImmutableArray<RunRecord> unfinished)
    {
        if (unfinished.IsEmpty)
        {
            return;
        }

        await services.Ownership.RefreshIfUnknownAsync(unfinished.Select(r => r.ClaimedBy));
        var now = Now();
        var changes = ImmutableArray.CreateBuilder<RunChange>();
        var queued = _pending.Count == 0 ? null : _pending.Select(r => r.Occurrence).ToHashSet();
        foreach (var run in unfinished)
        {
            if (_active.ContainsKey(run.Occurrence) || queued?.Contains(run.Occurrence) == true)
            {
                // Already this activation's (a second look, after a silo left the cluster).
                continue;
            }

            // A live silo's attempt in flight may still report; but a silo that is stopping starts nothing it had
            // queued or armed (its gate closed before it said it was stopping), so those are for this activation.
            var ours = run.ClaimedBy == services.Ownership.Self;
            var waiting = run.Status == RunStatus.Pending || run.NextAttemptAt is not null;
            if (!ours && (waiting ? services.Ownership.IsFiring(run.ClaimedBy) : services.Ownership.IsAlive(run.ClaimedBy)))
            {
                continue;
            }

            if (run.Status == RunStatus.Pending)
            {
                if (IsActive)
                {
                    // Whatever was waiting when the last activation ended is late now: a backlog to catch up. Queued
                    // as stored: starting it moves it on from exactly that (another activation may be taking it too).
                    _pending.Enqueue(run);
                    _backlog.Add(run.Occurrence);
                }
                else
                {
                    changes.Add(new(run, run with { Status = RunStatus.Skipped, FinishedAt = now }));
                }

                continue;
            }

            if (run.NextAttemptAt is { } retryAt)
            {
                var adopted = new ActiveRun(run);
                _active[run.Occurrence] = adopted;
                ArmRetry(adopted, retryAt - now);
                continue;
            }

            if (ours)
            {
                // Still with this process's dispatcher; its report is accepted whatever its dispatch id.
                _active[run.Occurrence] = new ActiveRun(run) { Adopted = true };
                continue;
            }

            var cutOff = new AttemptRecord(
                run.Attempts.Length + 1, run.StartedAt ?? run.ScheduledAt, 0, null, null, ErrorClass.Interrupted,
                "Cut off: the process that sent this attempt stopped before it finished.", null);
            var attempts = run.Attempts.Add(cutOff);
            var interruptions = attempts.Count(a => a.ErrorClass == ErrorClass.Interrupted);
            changes.Add(IsActive && Spec.Misfire != MisfirePolicy.Skip && interruptions <= Options.MaxInterruptedRefires
                ? new(run, run with { Attempts = attempts, NextAttemptAt = now, ClaimedBy = services.Ownership.Self })
                : new(run, run with { Attempts = attempts, Status = RunStatus.Interrupted, FinishedAt = now, NextAttemptAt = null }));
        }

        if (changes.Count == 0)
        {
            return;
        }

        // Each from the row as read: of two activations recovering the same run, one writes and acts on it; a run that
        // moved on meanwhile (its silo reported after all, or another activation took it) is left alone.
        var all = changes.ToImmutable();
        var written = await services.Runs.TryUpdateAsync(all);
        for (var i = 0; i < all.Length; i++)
        {
            var run = all[i].To;
            if (!written[i])
            {
                LogRunLost(logger, Id, run.Occurrence, all[i].From.Status, run.Status);
            }
            else if (run.Status == RunStatus.Running)
            {
                var adopted = new ActiveRun(run);
                _active[run.Occurrence] = adopted;
                ArmRetry(adopted, TimeSpan.Zero);
                LogInterruptedRefire(logger, Id, run.Occurrence);
            }
            else
            {
                Finished(run);
            }
        }
    }
}
