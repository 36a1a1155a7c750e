using OrleansCron.Bench.Plans;

namespace OrleansCron.Bench.Scenarios;

/// <summary>A scenario that fires a plan of schedules and measures one window of it, against the floor.</summary>
/// <param name="Name">Short name for reports.</param>
/// <param name="Parameters">The parameters as given, for reports.</param>
/// <param name="Plan">The cohorts, given the anchor (creation start plus <paramref name="Lead"/>, whole second).</param>
/// <param name="Lead">Anchor offset from the start of creation; a burst's instant must lie after creation ends.</param>
/// <param name="Warmup">After creation, before the window opens (spread and aligned).</param>
/// <param name="Duration">Window length (spread and aligned; a burst's window is its one instant).</param>
/// <param name="Grace">How long after the window late arrivals are still waited for.</param>
/// <param name="Concurrency">API calls in flight while creating schedules.</param>
/// <param name="ApiRate">Create/update calls per second sent during the window (scenario 7), 0 for none.</param>
/// <param name="RunFloor">Whether to run the floor for the same due instants afterwards.</param>
public sealed record FireScenario(
    string Name,
    string Parameters,
    Func<long, IReadOnlyList<Cohort>> Plan,
    TimeSpan Lead,
    TimeSpan Warmup,
    TimeSpan Duration,
    TimeSpan Grace,
    int Concurrency,
    double ApiRate,
    bool RunFloor);
