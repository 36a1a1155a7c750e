using System.Buffers;
using System.Collections.Immutable;
using OrleansCron.Dispatch;
using OrleansCron.History;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class ScheduleGrain
{
    private const int InlineOverdue = 8;

    /// <summary>
    /// Looks at what is due, claims it and arms the timer for what comes next. Called by the fire timer,
    /// the reminder, activation and every state change; idempotent, because everything due is judged
    /// against the cursor (the latest instant already claimed).
    /// </summary>
    private async Task EvaluateAsync()
    {
        if (!IsActive || _calculator is null)
        {
            Arm(null);
            return;
        }

        if (!services.Gate.TryEnter())
        {
            // The silo is stopping: claim nothing new, but keep the next instant on record (it may be overdue): the
            // catalog's next fire is what the sweeps wake schedules by, after this silo is gone.
            RecordNextDue(_calculator.GetNextAfter(_cursor));
            _fireTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        try
        {
            await ClaimDueAsync();
        }
        finally
        {
            services.Gate.Exit();
        }

        await ArmOrCompleteAsync();
    }

    private async Task ClaimDueAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            var now = Now();
            var plan = PlanDue(now);
            if (plan.Missed.IsEmpty && plan.Fires.IsEmpty)
            {
                break;
            }

            if (plan.UnrecordedMissed > 0)
            {
                LogUnrecordedMisses(logger, Id, plan.UnrecordedMissed);
            }

            if (await ClaimPlanAsync(plan, now))
            {
                break;
            }

            // Another activation claimed some of these first (a duplicate activation during a failure):
            // take the store's position and look again; nothing was sent for the lost claims.
            await ReloadPositionAsync();
        }
    }

    private MisfirePlan PlanDue(DateTimeOffset now)
    {
        // Claim the next instant ahead by its lead; when instants are overdue (a stall, a restart), the least lead.
        var next = _calculator!.GetNextAfter(_cursor);
        var horizon = now + (next is { } upcoming && upcoming > now ? LeadFor(upcoming) : Options.ClaimLead) + WakeGrid;
        Span<DateTimeOffset> inline = stackalloc DateTimeOffset[InlineOverdue];
        var found = _calculator!.GetBetween(_cursor, horizon, inline);
        if (found.OlderNotListed == 0)
        {
            return MisfirePlanner.Plan(inline[..found.Listed], 0, now, Grace, Spec.Misfire, Options.FireAllCap);
        }

        // An outage: list the most recent ones (up to the recording cap); older ones are only counted.
        var size = (int)Math.Min(found.Total, Options.MaxMissedRecorded + 1L);
        var rented = ArrayPool<DateTimeOffset>.Shared.Rent(size);
        try
        {
            found = _calculator.GetBetween(_cursor, horizon, rented.AsSpan(0, size));
            return MisfirePlanner.Plan(rented.AsSpan(0, found.Listed), found.OlderNotListed, now, Grace, Spec.Misfire, Options.FireAllCap);
        }
        finally
        {
            ArrayPool<DateTimeOffset>.Shared.Return(rented);
        }
    }

    private TimeSpan Grace => TimeSpan.FromSeconds(Spec.MisfireGraceSeconds);

    /// <summary>Claims a plan's occurrences in one group-committed batch, oldest first. Returns false when any
    /// claim was lost to another activation.</summary>
    private async Task<bool> ClaimPlanAsync(MisfirePlan plan, DateTimeOffset now)
    {
        var builder = ImmutableArray.CreateBuilder<RunRecord>(plan.Missed.Length + plan.Fires.Length);
        var occurrence = _lastOccurrence;
        foreach (var missed in plan.Missed)
        {
            builder.Add(NewRun(++occurrence, missed, RunTrigger.Schedule, RunStatus.Missed, now) with { FinishedAt = now });
        }

        // Several fires at once are late ones after a stall: they queue, in order, as a backlog. A single one is
        // judged by the overlap policy, unless a backlog is still draining: then it joins the queue.
        var backlog = plan.Fires.Length > 1;
        foreach (var fire in plan.Fires)
        {
            var status = RunStatus.Pending;
            if (!backlog)
            {
                var decision = OverlapRules.Decide(Spec.Overlap, _active.Count, _pending.Count > 0, IsCatchingUp(now));
                backlog = decision == OverlapDecision.JoinBacklog;
                status = decision switch
                {
                    OverlapDecision.Fire => RunStatus.Running,
                    OverlapDecision.Buffer or OverlapDecision.JoinBacklog => RunStatus.Pending,
                    _ => RunStatus.Skipped,
                };
            }

            var run = NewRun(++occurrence, fire.ScheduledAt, fire.Trigger, status, now);
            builder.Add(status == RunStatus.Skipped ? run with { FinishedAt = now } : run);
        }

        var runs = builder.MoveToImmutable();
        var claimed = await services.Runs.TryClaimAsync(runs);
        var allClaimed = true;
        for (var i = 0; i < runs.Length; i++)
        {
            if (!claimed[i])
            {
                allClaimed = false;
                continue;
            }

            var run = runs[i];
            _lastOccurrence = Math.Max(_lastOccurrence, run.Occurrence);
            _cursor = Max(_cursor, run.ScheduledAt);
            switch (run.Status)
            {
                case RunStatus.Running:
                    StartAttempt(run);
                    break;
                case RunStatus.Pending:
                    _pending.Enqueue(run);
                    if (backlog)
                    {
                        _backlog.Add(run.Occurrence);
                    }

                    break;
                default:
                    Finished(run);
                    break;
            }
        }

        await PumpPendingAsync();
        return allClaimed;
    }

    /// <summary>True when late fires are queued, or (under skip) a run is still out, and the oldest of them is within
    /// the grace period: an instant due now joins the queue (see <see cref="OverlapRules.IsCatchingUp"/>).</summary>
    private bool IsCatchingUp(DateTimeOffset now)
    {
        DateTimeOffset? oldest = null;
        foreach (var queued in _pending)
        {
            if (_backlog.Contains(queued.Occurrence))
            {
                oldest = queued.ScheduledAt;
                break;
            }
        }

        if (oldest is null && Spec.Overlap == OverlapPolicy.Skip)
        {
            foreach (var run in _active.Values)
            {
                if (oldest is null || run.Record.ScheduledAt < oldest)
                {
                    oldest = run.Record.ScheduledAt;
                }
            }
        }

        return oldest is { } instant && OverlapRules.IsCatchingUp(Math.Max(_backlog.Count, 1), instant, now, Grace);
    }

    private RunRecord NewRun(long occurrence, DateTimeOffset scheduledAt, RunTrigger trigger, RunStatus status, DateTimeOffset now) => new(
        RunRecord.MakeId(Id, occurrence),
        Id,
        occurrence,
        scheduledAt,
        status == RunStatus.Running ? Max(scheduledAt, now) : null,
        null,
        status,
        trigger,
        [],
        null,
        services.Ownership.Self,
        Spec.Owner,
        Spec.TargetId);

    /// <summary>Hands an attempt to the dispatcher. The run is already claimed (or its retry recorded), so
    /// whatever happens next, the occurrence is on record before anything leaves.</summary>
    private void StartAttempt(RunRecord run)
    {
        var active = _active.TryGetValue(run.Occurrence, out var existing) ? existing : new ActiveRun(run);
        active.Record = run;
        active.Adopted = false;
        active.DispatchId = Guid.NewGuid();
        _active[run.Occurrence] = active;
        if (_target is null)
        {
            // The target vanished (deleted outside a cascade): report a failure through the normal path.
            var failed = new AttemptRecord(run.Attempts.Length + 1, Now(), 0, null, null, ErrorClass.Unknown, "The target no longer exists.", null);
            _ = this.AsReference<IScheduleGrain>().CompleteAttemptAsync(new AttemptOutcome(run.Occurrence, active.DispatchId, failed, false, null));
            return;
        }

        // A scheduled run never leaves before its instant: not when claimed ahead, and not when a claim made ahead
        // was cut off by a crash and is fired again before the instant comes.
        var notBefore = run.Trigger == RunTrigger.Manual ? Now() : Max(run.ScheduledAt, Now());
        services.Dispatcher.Enqueue(new DispatchRequest(
            Id, run.Id, run.Occurrence, run.Attempts.Length + 1, active.DispatchId, run.ScheduledAt, notBefore, _target));
    }

    /// <summary>Starts waiting runs (buffered by the overlap policy, or catch-ups) as the policy allows.</summary>
    private async Task PumpPendingAsync()
    {
        while (_pending.Count > 0 && (_active.Count == 0 || Spec.Overlap == OverlapPolicy.Allow) && IsActive && services.Gate.IsOpen)
        {
            if (!services.Gate.TryEnter())
            {
                return;
            }

            try
            {
                await StartPendingAsync();
            }
            finally
            {
                services.Gate.Exit();
            }
        }
    }

    private async Task StartPendingAsync()
    {
        var next = _pending.Dequeue();
        if (_backlog.Remove(next.Occurrence) && Spec.Overlap == OverlapPolicy.Skip && next.ScheduledAt < _busyUntil)
        {
            // A late instant whose turn came: sent on time, the run before it would still have been going at this
            // instant, so it is skipped, as it would have been on time.
            var skipped = next with { Status = RunStatus.Skipped, FinishedAt = Now(), ClaimedBy = services.Ownership.Self };
            if (await TryMoveAsync(next, skipped))
            {
                Finished(skipped);
            }

            return;
        }

        var run = next with
        {
            Status = RunStatus.Running,
            StartedAt = Now(),
            ClaimedBy = services.Ownership.Self,
        };

        // Record that the send is under way before it happens, so a crash in between reads as interrupted; and only
        // from waiting, so that of two activations holding this run (one took it over from the other) one sends it.
        if (await TryMoveAsync(next, run))
        {
            StartAttempt(run);
        }
    }

    /// <summary>Moves a run on in the store from the record this activation holds. False: another activation moved
    /// it first (or it is gone); this one must let it go and never send it.</summary>
    private async Task<bool> TryMoveAsync(RunRecord from, RunRecord to, CancellationToken cancellationToken = default)
    {
        var written = await services.Runs.TryUpdateAsync([new RunChange(from, to)], cancellationToken);
        if (written[0])
        {
            return true;
        }

        LogRunLost(logger, Id, to.Occurrence, from.Status, to.Status);
        return false;
    }

    private async Task ArmOrCompleteAsync()
    {
        var next = IsActive ? _calculator?.GetNextAfter(_cursor) : null;
        if (IsSpent(next))
        {
            Arm(null);
            var delay = Options.CompletionDelay;
            if (delay <= TimeSpan.Zero)
            {
                await CompleteAsync();
                return;
            }

            // Completing is bookkeeping (state, reminder and catalog: three writes). After a burst of one-off
            // schedules it would compete with the fires still going out, so it waits a little, spread out, and
            // takes its turn among the silo's completions (see CompletionPacer).
            _completionTimer ??= this.RegisterGrainTimer(
                static (grain, _) => grain.OnCompletionDueAsync(),
                this,
                new GrainTimerCreationOptions(services.Completions.Delay(delay * (1 + services.Jitter.NextDouble())), Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }

        Arm(next);
        if (next is { } instant)
        {
            await KeepAwakeOrSleepAsync(instant);
        }
    }

    /// <summary>Makes sure the schedule is in memory for <paramref name="next"/> (see <see cref="WakePlan"/>): an awake
    /// schedule is kept from idle collection for as long as its timer waits; a sleeping one has its reminder aimed at
    /// just before the instant, unless it already ticks then.</summary>
    private Task KeepAwakeOrSleepAsync(DateTimeOffset next)
    {
        var now = time.GetUtcNow();
        var period = Options.ReminderPeriod;
        if (!WakePlan.Sleeps(next, now, period))
        {
            if (WakePlan.KeepAlive(next, now, period) is { } keepAlive)
            {
                DelayDeactivation(keepAlive);
            }

            return Task.CompletedTask;
        }

        // The reminder's ticks are times on its service's clock: compare them there.
        var reminderNow = services.ReminderClock.GetUtcNow();
        if (_reminderStart is { } start && _reminderPeriod == period
            && WakePlan.IsAimed(WakePlan.NextTick(start, period, reminderNow), reminderNow + (next - now), reminderNow, period))
        {
            return Task.CompletedTask;
        }

        return AimReminderAsync(next, now, period);
    }

    private async Task AimReminderAsync(DateTimeOffset next, DateTimeOffset now, TimeSpan period)
    {
        try
        {
            await RegisterReminderAsync(WakePlan.AimDue(next, now, period));
        }
        catch (Exception ex)
        {
            // The reminder table is unavailable: stay awake instead (the timer is armed); the next arming aims again.
            LogReminderAimFailed(logger, ex, Id);
            DelayDeactivation(next - now + WakePlan.KeepAliveMargin);
        }
    }

    // Active, with no instant left (next) and nothing running or waiting: the schedule is done.
    private bool IsSpent(DateTimeOffset? next) => IsActive && next is null && _active.Count == 0 && _pending.Count == 0;

    private async Task OnCompletionDueAsync()
    {
        _completionTimer?.Dispose();
        _completionTimer = null;
        if (!services.Gate.IsOpen)
        {
            // The silo is stopping: its reminder service stops too, and the completion would fail half done, each
            // failure logged twice with its stack by Orleans (after a burst of 100,000 one-off schedules: 200,000
            // warnings, two minutes to stop, and the write turn stalled behind the loggers; measured). Left as it is,
            // spent but active with its reminder, the schedule completes when the reminder wakes it after the restart.
            return;
        }

        // Unless it changed in the meantime (replaced, paused, deleted).
        if (IsSpent(_calculator?.GetNextAfter(_cursor)))
        {
            try
            {
                await CompleteAsync();
            }
            catch (Exception ex) when (!services.Gate.IsOpen)
            {
                // The stop began while its writes waited their turn: what is written stays, and the reminder
                // finishes the rest after the restart (see ReceiveReminder). One line, not Orleans' two stacks.
                LogCompletionLeftForRestart(logger, Id, ex.GetType().Name);
            }
        }
    }

    private async Task CompleteAsync()
    {
        var now = Now();
        await WriteAsync(s =>
        {
            s.Status = ScheduleStatus.Completed;
            s.UpdatedAt = now;
        });
        Arm(null);
        await UnregisterReminderAsync();
        await services.Catalog.UpsertScheduleAsync(View());
        LogScheduleCompleted(logger, Id);
    }

    /// <summary>Aims the one-shot fire timer at <paramref name="next"/> minus its claim lead (periodic timers
    /// drift: their period counts from the end of the previous callback).</summary>
    private void Arm(DateTimeOffset? next)
    {
        RecordNextDue(next);
        if (next is null)
        {
            _fireTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wake = next.Value - LeadFor(next.Value);
        var due = wake.AddTicks(-(wake.UtcTicks % WakeGrid.Ticks)) - time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due;
        if (_fireTimer is null)
        {
            _fireTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnFireTimerAsync(),
                this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _fireTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Fire timers wake on a 20 ms grid (rounded down), and a wake-up claims that much further ahead. The runtime walks
    /// its list of near timers on every expiry: with a distinct expiry per schedule, that was 10 % of the CPU at
    /// 1,000 fires/s (measured); on the grid, schedules waking in the same 20 ms share one. The send itself still
    /// waits for the exact instant in the dispatcher.
    /// </summary>
    internal static readonly TimeSpan WakeGrid = TimeSpan.FromMilliseconds(20);

    private TimeSpan LeadFor(DateTimeOffset instant) =>
        ClaimLeadRule.For(instant, _cursor, Options.ClaimLead, Options.MaxClaimLead);

    private void RecordNextDue(DateTimeOffset? next)
    {
        if (_nextDue != next)
        {
            services.Catalog.SetNextFireAt(Id, next);
        }

        _nextDue = next;
    }

    // Grain timers refuse due times above ~49.7 days; a far instant is approached in steps.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(30);

    private async Task OnFireTimerAsync()
    {
        try
        {
            await EvaluateAsync();
        }
        catch (Exception ex)
        {
            // The run store may be briefly unavailable; try again soon rather than wait for the reminder.
            LogEvaluateFailed(logger, ex, Id);
            _fireTimer?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadPositionAsync()
    {
        var runs = await services.Runs.LoadScheduleStateAsync(Id);
        _lastOccurrence = Math.Max(_lastOccurrence, runs.LastOccurrence);
        _cursor = Max(_cursor, runs.LastScheduledAt);
    }
}
