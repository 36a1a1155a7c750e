using System.Collections.Immutable;
using OrleansCron.History;
using OrleansCron.Metrics;
using OrleansCron.Runs;

namespace OrleansCron.Scheduling;

internal sealed partial class ScheduleGrain
{
    public async Task CompleteAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        if (!_active.TryGetValue(outcome.Occurrence, out var run))
        {
            // A report for a run claimed before this activation existed (the grain was deactivated or moved
            // while the attempt was out): adopt it from the store if it is still waiting for this report.
            var stored = await services.Runs.GetAsync(Id, outcome.Occurrence, cancellationToken);
            if (stored is null || stored.Status != RunStatus.Running || stored.NextAttemptAt is not null)
            {
                LogStaleReport(logger, Id, outcome.Occurrence);
                return;
            }

            run = new ActiveRun(stored) { Adopted = true };
            _active[outcome.Occurrence] = run;
        }
        else if (run.DispatchId != outcome.DispatchId && !run.Adopted)
        {
            LogStaleReport(logger, Id, outcome.Occurrence);
            return;
        }

        var attempts = run.Record.Attempts.Add(outcome.Attempt);
        var now = Now();
        if (outcome.Attempt.Succeeded)
        {
            await FinishAsync(run, run.Record with { Attempts = attempts, Status = RunStatus.Succeeded, FinishedAt = now, NextAttemptAt = null });
            return;
        }

        var delay = outcome.Retryable && IsActive
            ? RetryRules.NextDelay(Spec.Retry, CountedAttempts(attempts), outcome.RetryAfter, services.Jitter.NextDouble())
            : null;
        if (delay is null)
        {
            await FinishAsync(run, run.Record with { Attempts = attempts, Status = RunStatus.Failed, FinishedAt = now, NextAttemptAt = null });
            return;
        }

        // The pending retry is part of the run's stored state, so it survives a restart.
        var waiting = run.Record with { Attempts = attempts, NextAttemptAt = Truncate(now + delay.Value) };
        if (!await TryMoveAsync(run.Record, waiting, cancellationToken))
        {
            await LetGoAsync(run);
            return;
        }

        run.Record = waiting;
        run.DispatchId = Guid.Empty;
        run.Adopted = false;
        ArmRetry(run, delay.Value);
        LogRetryScheduled(logger, Id, run.Occurrence, attempts.Length + 1, delay.Value.TotalMilliseconds);
    }

    private void ArmRetry(ActiveRun run, TimeSpan delay)
    {
        run.RetryTimer?.Dispose();
        run.RetryTimer = this.RegisterGrainTimer(
            static (state, _) => state.Grain.OnRetryDueAsync(state.Occurrence),
            (Grain: this, run.Occurrence),
            new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task OnRetryDueAsync(long occurrence)
    {
        if (!_active.TryGetValue(occurrence, out var run) || run.Record.NextAttemptAt is null)
        {
            return;
        }

        if (!services.Gate.TryEnter())
        {
            // The silo is stopping: the waiting retry stays in the store and resumes after the restart.
            return;
        }

        try
        {
            await SendRetryAsync(run);
        }
        finally
        {
            services.Gate.Exit();
        }
    }

    private async Task SendRetryAsync(ActiveRun run)
    {
        run.RetryTimer?.Dispose();
        run.RetryTimer = null;
        if (!IsActive)
        {
            await FinishAsync(run, run.Record with { Status = RunStatus.Failed, FinishedAt = Now(), NextAttemptAt = null });
            return;
        }

        // Mark the attempt as under way before sending it, so that a crash in between reads as interrupted; and only
        // from waiting for it, so that of two activations that both armed this retry one sends it.
        var sending = run.Record with { NextAttemptAt = null, ClaimedBy = services.Ownership.Self };
        if (await TryMoveAsync(run.Record, sending))
        {
            StartAttempt(sending);
            return;
        }

        await LetGoAsync(run);
    }

    private async Task FinishAsync(ActiveRun run, RunRecord final) =>
        await LetGoAsync(run, await TryMoveAsync(run.Record, final) ? final : null);

    /// <summary>Ends this activation's hold on a run: finished here (<paramref name="finished"/>, booked), or moved on by
    /// another activation (it is that one's to finish). Then what waited behind it may start.</summary>
    private async Task LetGoAsync(ActiveRun run, RunRecord? finished = null)
    {
        run.RetryTimer?.Dispose();
        run.RetryTimer = null;
        _active.Remove(run.Occurrence);
        if (finished is not null)
        {
            await FinishedAndSavedAsync(finished);
        }

        await PumpPendingAsync();
        await EvaluateAsync();
    }

    /// <summary>Books a run that reached a final status: latest-run summary and metrics.</summary>
    private void Finished(RunRecord run, bool savingMetrics = false)
    {
        if (_lastRun is not { } last || run.Occurrence >= last.Occurrence)
        {
            _lastRun = LastRunFacts.Of(run);
        }

        if (OverlapRules.BusyUntilIfOnTime(run) is { } busyUntil && busyUntil > _busyUntil)
        {
            _busyUntil = busyUntil;
        }

        var outcome = new RunOutcome(
            Id,
            run.Status,
            run.FinishedAt ?? Now(),
            run.Attempts.Select(a => new AttemptSample(a.ErrorClass, a.DurationMs, a.StartedAt)).ToImmutableArray());
        CountInMetrics(outcome, savingMetrics);
        services.Metrics.Add(outcome);
    }

    // An attempt cut off by a crash is not the target's fault: it does not use up the retry budget.
    private static int CountedAttempts(ImmutableArray<AttemptRecord> attempts) =>
        attempts.Count(a => a.ErrorClass != ErrorClass.Interrupted);

    /// <summary>Drops work that has not left yet: queued dispatches (claimed ahead of their instant), runs
    /// waiting in the overlap buffer, and retries not yet due. Attempts already sent finish normally.</summary>
    private async Task StopUnsentWorkAsync(string reason)
    {
        var now = Now();
        var changes = ImmutableArray.CreateBuilder<RunChange>();
        foreach (var run in _active.Values.ToArray())
        {
            if (run.Record.NextAttemptAt is not null)
            {
                run.RetryTimer?.Dispose();
                changes.Add(new(run.Record, run.Record with { Status = RunStatus.Failed, FinishedAt = now, NextAttemptAt = null }));
            }
            else if (run.DispatchId != Guid.Empty && services.Dispatcher.TryCancel(run.DispatchId))
            {
                changes.Add(new(run.Record, run.Record with { Status = run.Record.Attempts.IsEmpty ? RunStatus.Skipped : RunStatus.Failed, FinishedAt = now }));
            }
            else
            {
                continue;
            }

            _active.Remove(run.Occurrence);
        }

        while (_pending.TryDequeue(out var waiting))
        {
            changes.Add(new(waiting, waiting with { Status = RunStatus.Skipped, FinishedAt = now }));
        }

        _backlog.Clear();

        if (changes.Count == 0)
        {
            return;
        }

        // What another activation moved on in the meantime is its own to finish (and count).
        var all = changes.ToImmutable();
        var written = await services.Runs.TryUpdateAsync(all);
        for (var i = 0; i < all.Length; i++)
        {
            if (written[i])
            {
                Finished(all[i].To);
            }
        }

        LogUnsentWorkStopped(logger, Id, all.Length, reason);
    }
}
