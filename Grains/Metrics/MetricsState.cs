using System.Collections.Immutable;

namespace OrleansCron.Metrics;

/// <summary>The persisted state of <see cref="MetricsGrain"/>: all-time counters plus the last hour and the last day.
/// Plain get/set classes without type names, so any JSON serializer round-trips it.</summary>
[GenerateSerializer, Alias("oc.MetricsState")]
internal sealed class MetricsState
{
    [Id(0)]
    public MetricsCounters AllTime { get; set; } = new();

    [Id(1)]
    public RollingWindow LastHour { get; set; } = new();

    [Id(2)]
    public RollingWindow LastDay { get; set; } = new();

    /// <summary>Adds finished runs: a run counts in the windows at its finish, an attempt at its start.</summary>
    public void Record(ImmutableArray<RunOutcome> runs, DateTimeOffset now)
    {
        LastHour.Prune(WindowShape.LastHour, now);
        LastDay.Prune(WindowShape.LastDay, now);
        foreach (var run in runs)
        {
            Record(run, now);
        }
    }

    public MetricsSnapshot ToSnapshot(string scope, DateTimeOffset now) => new(
        scope,
        now,
        AllTime.ToWindow(),
        LastHour.Sum(WindowShape.LastHour, now).ToWindow(),
        LastDay.Sum(WindowShape.LastDay, now).ToWindow());

    private void Record(RunOutcome run, DateTimeOffset now)
    {
        AllTime.AddRun(run.Status);
        LastHour.CountersAt(WindowShape.LastHour, run.FinishedAt, now)?.AddRun(run.Status);
        LastDay.CountersAt(WindowShape.LastDay, run.FinishedAt, now)?.AddRun(run.Status);
        if (run.Attempts.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var attempt in run.Attempts)
        {
            AllTime.AddAttempt(attempt);
            LastHour.CountersAt(WindowShape.LastHour, attempt.StartedAt, now)?.AddAttempt(attempt);
            LastDay.CountersAt(WindowShape.LastDay, attempt.StartedAt, now)?.AddAttempt(attempt);
        }
    }
}
