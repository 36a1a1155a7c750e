using OrleansCron.Bench.Processes;
using OrleansCron.Bench.Reporting;
using OrleansCron.Bench.Scenarios;

namespace OrleansCron.Bench;

/// <summary>Runs one scenario from its command line: starts the sink, runs, prints, stops everything it started.</summary>
public static class BenchCommand
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/OrleansCron.Bench -- <scenario> [--small] [options]
          1  spread: --schedules 10000 --period 10 --duration 120 --warmup 10
          2  spread large: --schedules 100000 --period 60 --duration 180 --warmup 30
          3  aligned cron */S: --schedules 1000 --every 1 --duration 30 --warmup 5
          4  max sustained rate: --period 10 --start-rate 500 --step-rate 500 --max-rate 10000 --step-duration 30 --warmup 10 --p99-limit 100
          5  burst: --schedules 100000 --lead <s, default 20 + schedules/60> --grace 120
          6  far-off + restart: --schedules 1000000 --probes 10
          7  api under load: scenario 2's options and --api-rate 200
        common: --concurrency 32 --no-floor --out results.jsonl --work-dir <dir> --service-arg <service option> (repeatable)
                --mode standalone|cluster (cluster: PostgreSQL, 1 silo + 1 gateway) --postgres <admin connection string, default $ORLEANSCRON_TEST_POSTGRES>
        --small runs the quick version (each well under a minute of measuring).
        """;

    public static async Task<ScenarioResult> RunAsync(BenchArguments a, TextWriter log, CancellationToken cancellationToken = default)
    {
        var work = a.Get("work-dir") ?? Path.Combine(Path.GetTempPath(), $"oc-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        var serviceArguments = a.All("service-arg");
        var concurrency = a.Int("concurrency", 32, 32);
        var runs = 0;
        Directory.CreateDirectory(work);
        var host = ServiceFactory(a.Get("mode") ?? "standalone", a.Get("postgres"), serviceArguments);
        IServiceUnderTest NewService() => host(Path.Combine(work, $"service-{++runs}"));

        Func<SinkHost, Task<ScenarioResult>> run = a.Scenario switch
        {
            "4" => MaxRate(
                a.Int("period", 10, 10),
                a.Int("start-rate", 500, 250),
                a.Int("step-rate", 500, 250),
                a.Int("max-rate", 10_000, 1_000),
                a.Seconds("warmup", 10, 5),
                a.Seconds("step-duration", 30, 10),
                a.Double("p99-limit", 100, 100)),
            "6" => Restart(a.Int("schedules", 1_000_000, 20_000), a.Int("probes", 10, 10), a.Seconds("watch", 0, 0)),
            _ => RunFire(ScenarioCatalog.Fire(a)),
        };
        if (a.Unused.Where(u => u is not "out" and not "small").ToList() is { Count: > 0 } unused)
        {
            throw new ArgumentException($"Unknown option(s) for scenario {a.Scenario}: {string.Join(", ", unused)}");
        }

        await using var sink = await SinkHost.StartAsync(work);
        log.WriteLine($"sink at {sink.BaseAddress} (pid {sink.ProcessId}); work directory {work}");
        return await run(sink);

        Func<SinkHost, Task<ScenarioResult>> RunFire(FireScenario scenario) => sink => new FireRunner(sink, NewService, log, work).RunAsync(scenario, cancellationToken);

        Func<SinkHost, Task<ScenarioResult>> Restart(int farOff, int probes, TimeSpan watch) =>
            sink => new RestartRunner(sink, NewService, log).RunAsync(farOff, probes, concurrency, watch, cancellationToken);

        Func<SinkHost, Task<ScenarioResult>> MaxRate(int period, int start, int step, int max, TimeSpan warmup, TimeSpan duration, double limit) =>
            sink => new MaxRateRunner(sink, NewService, log).RunAsync(period, start, step, max, warmup, duration, limit, concurrency, cancellationToken);
    }

    /// <summary>How to start the service in a directory of its own, by <c>--mode</c>; cluster mode needs a PostgreSQL server.</summary>
    private static Func<string, IServiceUnderTest> ServiceFactory(string mode, string? postgres, IReadOnlyList<string> serviceArguments)
    {
        switch (mode)
        {
            case "standalone":
                return directory => new ServiceHost(directory, serviceArguments);
            case "cluster":
                var admin = postgres ?? Environment.GetEnvironmentVariable(ClusterHost.PostgresVariable);
                return string.IsNullOrWhiteSpace(admin)
                    ? throw new ArgumentException(ClusterHost.MissingServerMessage)
                    : directory => new ClusterHost(admin, directory, serviceArguments);
            default:
                throw new ArgumentException($"--mode must be 'standalone' or 'cluster', not '{mode}'.");
        }
    }

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var a = new BenchArguments(args);
        var result = await RunAsync(a, Console.Out);
        Report.Print(result, Console.Out);
        if (a.Get("out") is { } path)
        {
            Report.Append(result, path);
        }

        return 0;
    }
}
