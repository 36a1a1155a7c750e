using System.Globalization;
using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Plans;
using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Scenarios;

/// <summary>The floor half of a run: the same plan, moved later in time, fired by the bare timer program.</summary>
public sealed partial class FireRunner
{
    private async Task<FireFigures> RunFloorAsync(FireScenario scenario, IReadOnlyList<Cohort> cohorts, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        await sink.ClearAsync(cancellationToken);

        // Aligned cohorts stay on their grid, so the shift is a whole number of their periods (and of seconds).
        var grid = cohorts.Where(c => c.Kind == CohortKind.Aligned).Select(c => c.PeriodMs).DefaultIfEmpty(1000).Aggregate(1000L, Lcm);
        var armingMs = 3000 + (cohorts.Sum(c => (long)c.Count) / 20);
        var warmupMs = Math.Min((long)scenario.Warmup.TotalMilliseconds, 5000);
        var floorFrom = Clock.CeilTo(Clock.NowMs() + armingMs + warmupMs, grid);
        var delta = floorFrom - fromMs;
        var shifted = cohorts.Select(c => c.Shift(delta)).ToList();
        var floorTo = toMs + delta;

        string[] arguments =
        [
            sink.BaseAddress.ToString(),
            (floorFrom - warmupMs).ToString(CultureInfo.InvariantCulture),
            floorTo.ToString(CultureInfo.InvariantCulture),
            .. shifted.Select(c => c.ToArgument()),
        ];
        await using var floor = ChildProcess.Start(BenchPaths.Floor, arguments, Path.GetTempPath());
        await floor.WaitForLineAsync("FLOOR armed", TimeSpan.FromMinutes(2));
        await Clock.UntilAsync(floorFrom - 1, cancellationToken);
        var before = ProcStats.Read(floor.Id);
        await Clock.UntilAsync(floorTo, cancellationToken);
        if (cohorts.Any(c => c.Kind == CohortKind.Once))
        {
            await WaitForBurstAsync(cohorts.Sum(c => (long)c.Count), scenario.Grace, cancellationToken);
        }

        var after = ProcStats.TryRead(floor.Id) ?? before;
        await floor.WaitForExitAsync(scenario.Grace + TimeSpan.FromSeconds(60));
        var records = await sink.FetchAsync("f", cancellationToken);
        var schedules = new Dictionary<string, (int Cohort, int Index)>(StringComparer.Ordinal);
        for (var c = 0; c < shifted.Count; c++)
        {
            for (var i = 0; i < shifted[c].Count; i++)
            {
                schedules[string.Create(CultureInfo.InvariantCulture, $"f{c}.{i}")] = (c, i);
            }
        }

        log.WriteLine($"[{scenario.Name}] floor done: {floor.Output.Trim().Replace('\n', ' ')}");
        return new FireAnalyzer(shifted, schedules).Analyze("floor", records, floorFrom, floorTo, after.CpuSeconds - before.CpuSeconds, after.PeakRssBytes, null);
    }

    private static long Lcm(long a, long b) => a / Gcd(a, b) * b;

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
