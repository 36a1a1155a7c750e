using System.Collections.Immutable;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Api;

/// <summary>
/// In-memory stand-in for the grains, just faithful enough for the API's contract tests. Its views are deliberately
/// NOT masked, so tests prove the gateway never echoes a secret even when a grain would.
/// </summary>
internal sealed partial class FakeBackend(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, TargetView> _targets = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ScheduleView> _schedules = new(StringComparer.Ordinal);
    private readonly List<RunRecord> _runs = [];

    /// <summary>How many calls changed something: bad requests must leave it as it was.</summary>
    public int Writes { get; private set; }

    /// <summary>What the next manual trigger answers.</summary>
    public ScheduleOutcome TriggerOutcome { get; set; } = ScheduleOutcome.Ok;

    public DateTimeOffset Now => time.GetUtcNow();

    public TargetSpec? StoredTarget(string id)
    {
        lock (_gate)
        {
            return _targets.TryGetValue(id, out var view) ? view.Spec : null;
        }
    }

    public void AddRun(RunRecord run)
    {
        lock (_gate)
        {
            _runs.Add(run);
        }
    }

    public MetricsSnapshot Metrics(string scope)
    {
        var window = new MetricsWindow(
            ImmutableDictionary<RunStatus, long>.Empty.Add(RunStatus.Succeeded, 3).Add(RunStatus.Failed, 1),
            ImmutableDictionary<ErrorClass, long>.Empty.Add(ErrorClass.None, 3).Add(ErrorClass.Http4xx, 2).Add(ErrorClass.ResponseTooLarge, 1),
            0.75,
            new LatencySummary(6, 12.5, 10, 20, 30, 31));
        return new MetricsSnapshot(scope, Now, window, window, window);
    }

    private T Write<T>(T result)
    {
        Writes++;
        return result;
    }
}
