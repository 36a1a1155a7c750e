using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Scheduling;

internal sealed partial class ScheduleGrain
{
    public async Task<ScheduleResult> CreateAsync(ScheduleSpec spec, TargetSpec? inlineTarget, CancellationToken cancellationToken)
    {
        if (Exists)
        {
            return new ScheduleResult(ScheduleOutcome.Conflict, View(), Message: $"Schedule '{Id}' already exists.");
        }

        var now = Now();
        spec = ScheduleSpecResolver.Resolve(spec, now);
        if (!NextRunCalculator.TryCreate(spec, out var calculator, out var field, out var error))
        {
            return ScheduleResult.Invalid(field ?? "schedule", error ?? "The schedule is invalid.");
        }

        if (inlineTarget is not null)
        {
            var created = await Target(spec.TargetId).CreateAsync(inlineTarget, Id, cancellationToken);
            if (created.Outcome != TargetOutcome.Created)
            {
                return ScheduleResult.Invalid("target", created.Message ?? "The inline target could not be created.");
            }
        }

        var target = await Target(spec.TargetId).AttachScheduleAsync(Id, cancellationToken);
        if (target is null)
        {
            return ScheduleResult.Invalid("target_id", $"No target has the id '{spec.TargetId}'.");
        }

        // Ids are never reused, but history outlives a deleted schedule: continue its numbering, never collide.
        var runs = await services.Runs.LoadScheduleStateAsync(Id, cancellationToken);
        await WriteAsync(s =>
        {
            s.Spec = spec;
            s.Status = ScheduleStatus.Active;
            s.CreatedAt = now;
            s.UpdatedAt = now;
            s.EffectiveFrom = EffectiveFrom(spec, now);
            s.OwnsTarget = inlineTarget is not null;
        });
        _calculator = calculator;
        _target = target;
        _lastOccurrence = runs.LastOccurrence;
        _cursor = Max(state.State.EffectiveFrom, runs.LastScheduledAt);

        // A new schedule has no figures yet: its first run need not read the store for them (a burst of new one-off
        // schedules read 100,000 empty rows, each in its schedule's turn).
        _metrics = new PackedMetrics();

        // No need to look first: an older reminder of this id (a deleted schedule's, left by a crash) is overwritten.
        // Registered before the first evaluation, so a crash cannot leave an active schedule without one; aimed at the
        // first instant already when the schedule starts asleep (saves the evaluation a second write).
        var first = calculator.GetNextAfter(_cursor);
        var registeredAt = time.GetUtcNow();
        await RegisterReminderAsync(
            first is { } instant && WakePlan.Sleeps(instant, registeredAt, Options.ReminderPeriod)
                ? WakePlan.AimDue(instant, registeredAt, Options.ReminderPeriod)
                : null);
        await EvaluateAsync();
        await services.Catalog.UpsertScheduleAsync(View(), cancellationToken);
        LogScheduleCreated(logger, Id, spec.Kind, spec.TargetId);
        return new ScheduleResult(ScheduleOutcome.Created, View());
    }

    public async Task<ScheduleResult> ReplaceAsync(ScheduleSpec spec, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return ScheduleResult.NotFound;
        }

        var now = Now();
        spec = ScheduleSpecResolver.Resolve(spec, now);
        if (!NextRunCalculator.TryCreate(spec, out var calculator, out var field, out var error))
        {
            return ScheduleResult.Invalid(field ?? "schedule", error ?? "The schedule is invalid.");
        }

        var oldTargetId = Spec.TargetId;
        var target = _target;
        if (spec.TargetId != oldTargetId)
        {
            target = await Target(spec.TargetId).AttachScheduleAsync(Id, cancellationToken);
            if (target is null)
            {
                return ScheduleResult.Invalid("target_id", $"No target has the id '{spec.TargetId}'.");
            }
        }

        await WriteAsync(s =>
        {
            s.Spec = spec;
            s.UpdatedAt = now;
            s.EffectiveFrom = EffectiveFrom(spec, now);
            s.Status = s.Status == ScheduleStatus.Completed ? ScheduleStatus.Active : s.Status;
            s.OwnsTarget = s.OwnsTarget && spec.TargetId == oldTargetId;
        });
        if (spec.TargetId != oldTargetId)
        {
            await Target(oldTargetId).DetachScheduleAsync(Id, cancellationToken);
        }

        _calculator = calculator;
        _target = target;
        _cursor = Max(state.State.EffectiveFrom, _cursor);
        if (IsActive)
        {
            await EnsureReminderAsync();
        }

        await EvaluateAsync();
        await services.Catalog.UpsertScheduleAsync(View(), cancellationToken);
        return new ScheduleResult(ScheduleOutcome.Ok, View());
    }

    public async Task<ScheduleResult> PauseAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return ScheduleResult.NotFound;
        }

        if (state.State.Status == ScheduleStatus.Active)
        {
            var now = Now();
            await WriteAsync(s =>
            {
                s.Status = ScheduleStatus.Paused;
                s.UpdatedAt = now;
            });
            Arm(null);
            await StopUnsentWorkAsync("the schedule was paused");
            await UnregisterReminderAsync();
            await services.Catalog.UpsertScheduleAsync(View(), cancellationToken);
        }

        return new ScheduleResult(ScheduleOutcome.Ok, View());
    }

    public async Task<ScheduleResult> ResumeAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return ScheduleResult.NotFound;
        }

        if (state.State.Status == ScheduleStatus.Paused)
        {
            var now = Now();
            await WriteAsync(s =>
            {
                s.Status = ScheduleStatus.Active;
                s.UpdatedAt = now;
                s.EffectiveFrom = now;
            });
            _cursor = Max(now, _cursor);
            await EnsureReminderAsync();
            await EvaluateAsync();
            await services.Catalog.UpsertScheduleAsync(View(), cancellationToken);
        }

        return new ScheduleResult(ScheduleOutcome.Ok, View());
    }

    public async Task<TriggerResult> TriggerAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return new TriggerResult(ScheduleOutcome.NotFound, null, null);
        }

        if (!services.Gate.TryEnter())
        {
            return new TriggerResult(ScheduleOutcome.Conflict, null, null, "The service is stopping; trigger again once it is back.");
        }

        try
        {
            return await TriggerCoreAsync(cancellationToken);
        }
        finally
        {
            services.Gate.Exit();
        }
    }

    private async Task<TriggerResult> TriggerCoreAsync(CancellationToken cancellationToken)
    {
        var decision = OverlapRules.Decide(Spec.Overlap, _active.Count, _pending.Count > 0);
        if (decision == OverlapDecision.Skip)
        {
            return new TriggerResult(ScheduleOutcome.Conflict, null, null,
                "A run of this schedule is still going and its overlap policy does not allow another one now.");
        }

        var now = Now();
        for (var tries = 0; tries < 3; tries++)
        {
            var run = NewRun(_lastOccurrence + 1, now, RunTrigger.Manual,
                decision == OverlapDecision.Fire ? RunStatus.Running : RunStatus.Pending, now);
            var claimed = await services.Runs.TryClaimAsync([run], cancellationToken);
            if (claimed[0])
            {
                _lastOccurrence = run.Occurrence;
                if (decision == OverlapDecision.Fire)
                {
                    StartAttempt(run);
                }
                else
                {
                    _pending.Enqueue(run);
                }

                return new TriggerResult(ScheduleOutcome.Ok, run.Id, run.Occurrence);
            }

            await ReloadPositionAsync();
        }

        return new TriggerResult(ScheduleOutcome.Conflict, null, null, "Another activation is claiming this schedule's occurrences; try again.");
    }

    public Task<ScheduleResult> DeleteAsync(CancellationToken cancellationToken) => DeleteCoreAsync(detachTarget: true, cancellationToken);

    public Task DeleteWithTargetAsync(CancellationToken cancellationToken) => DeleteCoreAsync(detachTarget: false, cancellationToken);

    private async Task<ScheduleResult> DeleteCoreAsync(bool detachTarget, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return ScheduleResult.NotFound;
        }

        var targetId = Spec.TargetId;
        Arm(null);
        await StopUnsentWorkAsync("the schedule was deleted");
        await UnregisterReminderAsync();
        await state.ClearStateAsync(cancellationToken);
        state.State = new ScheduleState();
        _calculator = null;
        await services.Catalog.DeleteScheduleAsync(Id, cancellationToken);
        ForgetMetrics();
        if (detachTarget)
        {
            await Target(targetId).DetachScheduleAsync(Id, cancellationToken);
        }

        LogScheduleDeleted(logger, Id);
        return new ScheduleResult(ScheduleOutcome.Ok, null);
    }

    /// <summary>Applies a change and writes it; on a failed write memory is put back, so it never claims
    /// what storage does not hold.</summary>
    private async Task WriteAsync(Action<ScheduleState> change)
    {
        var before = state.State.Copy();
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }

    /// <summary>A once schedule's single instant is due until claimed, whenever it is; other kinds start
    /// strictly after the change, so an edit never turns past instants into catch-up fires.</summary>
    private static DateTimeOffset EffectiveFrom(ScheduleSpec spec, DateTimeOffset now) =>
        spec.Kind == ScheduleKind.Once ? DateTimeOffset.MinValue : now;
}
