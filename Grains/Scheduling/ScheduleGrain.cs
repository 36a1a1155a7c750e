using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Storage;
using OrleansCron.Targets;

namespace OrleansCron.Scheduling;

/// <summary>
/// One schedule. A durable reminder brings it back after restarts and crashes; a one-shot grain timer aimed
/// at the next instant does the timing; every occurrence is claimed in the run store (a unique key) before
/// its first request is sent, so no second activation and no restart can start it again. HTTP runs in the
/// silo's dispatcher, outside this grain's turns, and comes back as <see cref="CompleteAttemptAsync"/>.
/// </summary>
[GrainType("schedule")]
internal sealed partial class ScheduleGrain(
    [PersistentState(StorageNames.ScheduleState, StorageNames.GrainStorage)] IPersistentState<ScheduleState> state,
    FiringServices services,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    private const string WakeReminder = "wake";

    private readonly Dictionary<long, ActiveRun> _active = [];
    private readonly Queue<RunRecord> _pending = new();
    private readonly HashSet<long> _backlog = [];
    private DateTimeOffset _busyUntil;
    private NextRunCalculator? _calculator;
    private TargetSpec? _target;
    private long _lastOccurrence;
    private DateTimeOffset _cursor;
    private DateTimeOffset? _nextDue;

    // The latest finished run, held in place: a summary object made on every fire lives until the next one, so it is
    // promoted to gen2 and dies there (measured: ~90 bytes of old garbage per fire). Summarized when a view is built.
    private LastRunFacts? _lastRun;
    private IGrainTimer? _fireTimer;
    private IGrainTimer? _completionTimer;
    private string? _id;

    // What this activation knows of its reminder: its first tick (on the reminder service's clock) and its period (no
    // start: none, or not known).
    private DateTimeOffset? _reminderStart;
    private TimeSpan _reminderPeriod;

    // Orleans decodes the key into a new string on every call, and a fire needs it about five times.
    private string Id => _id ??= this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && state.State.Spec is not null;

    private ScheduleSpec Spec => state.State.Spec!;

    private bool IsActive => Exists && state.State.Status == ScheduleStatus.Active;

    private SchedulingOptions Options => services.Options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        _calculator = CreateCalculator(Spec);
        _target = await Target(Spec.TargetId).AttachScheduleAsync(Id, cancellationToken);
        var runs = await services.Runs.LoadScheduleStateAsync(Id, cancellationToken);
        _lastOccurrence = runs.LastOccurrence;
        _cursor = Max(state.State.EffectiveFrom, runs.LastScheduledAt);
        _lastRun = runs.LastRun is { } last ? LastRunFacts.Of(last) : null;
        await RecoverAsync(runs.Unfinished);
        if (IsActive)
        {
            await EnsureReminderAsync();
        }

        await EvaluateAsync();
        await services.Catalog.UpsertScheduleAsync(View(), cancellationToken);
    }

    public Task<ScheduleView?> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? View() : null);

    public Task<System.Collections.Immutable.ImmutableArray<UpcomingFire>?> GetUpcomingAsync(int count, CancellationToken cancellationToken)
    {
        if (!Exists || _calculator is null)
        {
            return Task.FromResult<System.Collections.Immutable.ImmutableArray<UpcomingFire>?>(null);
        }

        var after = Max(_cursor, Now());
        return Task.FromResult<System.Collections.Immutable.ImmutableArray<UpcomingFire>?>(_calculator.GetUpcoming(after, count));
    }

    public Task WakeAsync(CancellationToken cancellationToken) => IsActive ? EvaluateAsync() : Task.CompletedTask;

    public async Task TakeOverAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        var runs = await services.Runs.LoadScheduleStateAsync(Id, cancellationToken);
        _lastOccurrence = Math.Max(_lastOccurrence, runs.LastOccurrence);
        _cursor = Max(_cursor, runs.LastScheduledAt);
        await RecoverAsync(runs.Unfinished);
        await PumpPendingAsync();
        if (IsActive)
        {
            await EvaluateAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Exists)
        {
            // A reminder outlived its schedule (a crash between clearing state and unregistering it).
            await UnregisterReminderAsync();
            return;
        }

        _reminderStart = new DateTimeOffset(DateTime.SpecifyKind(status.FirstTickTime, DateTimeKind.Utc));
        _reminderPeriod = status.Period;
        if (!IsActive)
        {
            // Paused or completed, whose reminder was to go with that change: a stop or crash came between the state
            // write and the rest (after a burst of one-off schedules, a stop caught tens of thousands of completions
            // there). Finish it, or the reminder ticks for ever and the catalog keeps showing the schedule as it was.
            await UnregisterReminderAsync();
            await services.Catalog.UpsertScheduleAsync(View());
            return;
        }

        await EvaluateAsync();

        // A reminder registered with another period (by an earlier version, or before a change of the setting) ticks
        // at that period until it is registered again; a sleeping schedule's was just aimed, with the current one. Done
        // on a tick, not on activation: after an upgrade the start-up sweep activates every schedule at once, and the
        // ticks spread the writes over the old period.
        if (IsActive && _reminderStart is not null && _reminderPeriod != Options.ReminderPeriod)
        {
            await RegisterReminderAsync();
        }
    }

    public Task TargetChangedAsync(TargetSpec? target, CancellationToken cancellationToken)
    {
        _target = target;
        return Task.CompletedTask;
    }

    private ScheduleView View()
    {
        var s = state.State;
        return new ScheduleView(
            Id,
            s.Spec!,
            s.Status,
            s.Status == ScheduleStatus.Active ? _nextDue : null,
            _lastRun?.ToSummary(),
            s.CreatedAt,
            s.UpdatedAt,
            s.OwnsTarget);
    }

    private ITargetGrain Target(string targetId) => GrainFactory.GetGrain<ITargetGrain>(targetId);

    private NextRunCalculator? CreateCalculator(ScheduleSpec spec)
    {
        if (NextRunCalculator.TryCreate(spec, out var calculator, out var field, out var error))
        {
            return calculator;
        }

        // Only reachable if stored data was written by a version with looser validation.
        LogInvalidStoredSpec(logger, Id, field ?? "", error ?? "");
        return null;
    }

    private async Task EnsureReminderAsync()
    {
        // Read from the table itself (what GetReminder reads too): its row says when the reminder ticks.
        if (await services.Reminders.ReadRow(this.GetGrainId(), WakeReminder) is not { } row)
        {
            await RegisterReminderAsync();
            return;
        }

        _reminderStart = new DateTimeOffset(DateTime.SpecifyKind(row.StartAt, DateTimeKind.Utc));
        _reminderPeriod = row.Period;
    }

    /// <summary>Registers the reminder, its first tick <paramref name="due"/> from now, then every period. By default
    /// the first tick comes one to two periods from now, spread: schedules created together would otherwise tick
    /// together for good, and Orleans would load all their reminders into memory at once, every period (seen in a
    /// 30-minute run at 100,000 schedules). A zero due time would not tick at once anyway (ORLEANS-FACTS).</summary>
    private async Task RegisterReminderAsync(TimeSpan? due = null)
    {
        var period = Options.ReminderPeriod;
        var first = due ?? period * (1 + services.Jitter.NextDouble());
        _reminderStart = null;
        await this.RegisterOrUpdateReminder(WakeReminder, first, period);
        _reminderStart = services.ReminderClock.GetUtcNow() + first;
        _reminderPeriod = period;
    }

    private async Task UnregisterReminderAsync()
    {
        _reminderStart = null;
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private DateTimeOffset Now() => Truncate(time.GetUtcNow());

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    /// <summary>What <see cref="RunSummary"/> says about a run, as a value.</summary>
    private readonly record struct LastRunFacts(
        string RunId, long Occurrence, DateTimeOffset ScheduledAt, RunStatus Status, RunTrigger Trigger, int Attempts, DateTimeOffset? FinishedAt)
    {
        public static LastRunFacts Of(RunRecord run) =>
            new(run.Id, run.Occurrence, run.ScheduledAt, run.Status, run.Trigger, run.Attempts.Length, run.FinishedAt);

        public RunSummary ToSummary() => new(RunId, Occurrence, ScheduledAt, Status, Trigger, Attempts, FinishedAt);
    }
}
