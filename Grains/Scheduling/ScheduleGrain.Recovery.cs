using System.Collections.Immutable;
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
        var updates = ImmutableArray.CreateBuilder<RunRecord>();
        var finals = ImmutableArray.CreateBuilder<RunRecord>();
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
                    // Whatever was waiting when the last activation ended is late now: a backlog to catch up.
                    _pending.Enqueue(run with { ClaimedBy = services.Ownership.Self });
                    _backlog.Add(run.Occurrence);
                }
                else
                {
                    finals.Add(run with { Status = RunStatus.Skipped, FinishedAt = now });
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
            if (IsActive && Spec.Misfire != MisfirePolicy.Skip && interruptions <= Options.MaxInterruptedRefires)
            {
                var refire = run with { Attempts = attempts, NextAttemptAt = now, ClaimedBy = services.Ownership.Self };
                updates.Add(refire);
                var adopted = new ActiveRun(refire);
                _active[run.Occurrence] = adopted;
                ArmRetry(adopted, TimeSpan.Zero);
                LogInterruptedRefire(logger, Id, run.Occurrence);
            }
            else
            {
                finals.Add(run with { Attempts = attempts, Status = RunStatus.Interrupted, FinishedAt = now, NextAttemptAt = null });
            }
        }

        var all = updates.ToImmutable().AddRange(finals);
        if (all.IsEmpty)
        {
            return;
        }

        await services.Runs.UpdateAsync(all);
        foreach (var run in finals)
        {
            Finished(run);
        }
    }
}
