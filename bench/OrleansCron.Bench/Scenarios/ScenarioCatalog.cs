using System.Globalization;
using OrleansCron.Bench.Plans;

namespace OrleansCron.Bench.Scenarios;

/// <summary>The fire scenarios (1, 2, 3, 5, 7) with their full-scale defaults and <c>--small</c> versions.</summary>
public static class ScenarioCatalog
{
    public static FireScenario Fire(BenchArguments a) => a.Scenario switch
    {
        "1" => Spread(a, "1 spread", 10_000, 1_000, 10, 10, 120, 20, 10, 5, 0),
        "2" => Spread(a, "2 spread large", 100_000, 5_000, 60, 30, 180, 30, 30, 5, 0),
        "7" => Spread(a, "7 api under load", 100_000, 5_000, 60, 30, 180, 30, 30, 5, a.Double("api-rate", 200, 200)),
        "3" => Aligned(a),
        "5" => Burst(a),
        _ => throw new ArgumentException($"Unknown fire scenario '{a.Scenario}'."),
    };

    private static FireScenario Spread(
        BenchArguments a, string name, int n, int nSmall, int period, int periodSmall, double duration, double durationSmall, double warmup, double warmupSmall, double apiRate)
    {
        var count = a.Int("schedules", n, nSmall);
        var periodMs = a.Int("period", period, periodSmall) * 1000L;
        return Common(a, name, anchor => [new Cohort(CohortKind.Spread, count, periodMs, anchor)], TimeSpan.FromSeconds(2), duration, durationSmall, warmup, warmupSmall, apiRate)
            with
        { Parameters = Describe(a, $"schedules={count} period={periodMs / 1000}s ({count * 1000.0 / periodMs:0}/s)") };
    }

    private static FireScenario Aligned(BenchArguments a)
    {
        var count = a.Int("schedules", 1_000, 1_000);
        var every = a.Int("every", 1, 1);
        if (60 % every != 0)
        {
            throw new ArgumentException("--every must divide 60 (cron */S in the seconds field).");
        }

        // They all start at one instant after creation (start_at), so the ones created first do not fire while the rest
        // are being created; the default lead assumes at least 300 creations per second plus room to settle.
        var lead = a.Seconds("lead", 10 + (count / 300.0), 10 + (count / 300.0));
        return Common(a, "3 aligned", anchor => [new Cohort(CohortKind.Aligned, count, every * 1000L, anchor)], lead, 30, 15, 5, 5, 0)
            with
        { Parameters = Describe(a, $"schedules={count} cron=*/{every} (bursts of {count} every {every}s), lead={lead.TotalSeconds:0}s") };
    }

    private static FireScenario Burst(BenchArguments a)
    {
        var count = a.Int("schedules", 100_000, 5_000);

        // The burst instant must come after every schedule exists; the default lead assumes at least 60
        // creations per second (about what 2 busy cores give: see docs/benchmarks.md) plus room to settle.
        var lead = a.Seconds("lead", 20 + (count / 60.0), 20 + (count / 60.0));
        return Common(a, "5 burst", anchor => [new Cohort(CohortKind.Once, count, 0, anchor)], lead, 0, 0, 0, 0, 0)
            with
        { Parameters = Describe(a, $"schedules={count} once, all at one instant, lead={lead.TotalSeconds:0}s"), Grace = a.Seconds("grace", 120, 60) };
    }

    private static FireScenario Common(
        BenchArguments a, string name, Func<long, IReadOnlyList<Cohort>> plan, TimeSpan lead, double duration, double durationSmall, double warmup, double warmupSmall, double apiRate) =>
        new(
            name,
            "",
            plan,
            lead,
            a.Seconds("warmup", warmup, warmupSmall),
            a.Seconds("duration", duration, durationSmall),
            a.Seconds("grace", 3, 3),
            a.Int("concurrency", 32, 32),
            apiRate,
            !a.Flag("no-floor"));

    private static string Describe(BenchArguments a, string text) =>
        a.Small ? string.Create(CultureInfo.InvariantCulture, $"{text} [small]") : text;
}
