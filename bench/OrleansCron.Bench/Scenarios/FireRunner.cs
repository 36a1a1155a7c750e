using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Api;
using OrleansCron.Bench.Plans;
using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Scenarios;

/// <summary>
/// Runs a <see cref="FireScenario"/>: a fresh service, schedules created through the API, one measured window,
/// then the floor for the same due instants, shifted to start after the service has stopped.
/// </summary>
public sealed partial class FireRunner(SinkHost sink, Func<IServiceUnderTest> newService, TextWriter log, string? workDirectory = null)
{
    public async Task<ScenarioResult> RunAsync(FireScenario scenario, CancellationToken cancellationToken = default)
    {
        await sink.ClearAsync(cancellationToken);
        await using var service = newService();
        await service.StartAsync(TimeSpan.FromMinutes(5));
        log.WriteLine($"[{scenario.Name}] service ready at {service.BaseAddress} (pid {string.Join(',', service.ProcessIds)})");

        try
        {
            return await MeasureAsync(scenario, service, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The service's own log says why an API call failed; it is gone once the service is disposed.
            throw new InvalidOperationException($"[{scenario.Name}] {ex.Message}\n-- service output --\n{service.Output}", ex);
        }
    }

    private async Task<ScenarioResult> MeasureAsync(FireScenario scenario, IServiceUnderTest service, CancellationToken cancellationToken)
    {
        var extra = new Dictionary<string, string>();
        using var api = new ServiceApi(service.BaseAddress);
        var targetId = await api.CreateTargetAsync(sink.Url("s"), cancellationToken);
        var createStart = Clock.NowMs();
        var cohorts = scenario.Plan(Clock.CeilTo(createStart + (long)scenario.Lead.TotalMilliseconds, 1000));
        var (schedules, creation) = await CreateAsync(api, targetId, cohorts, scenario.Concurrency, cancellationToken);
        var createEnd = Clock.NowMs();
        log.WriteLine($"[{scenario.Name}] created {creation.Schedules} schedules in {creation.Seconds:0.0} s ({creation.PerSecond:0}/s)");

        var (fromMs, toMs) = Window(scenario, cohorts, createEnd);
        await Clock.UntilAsync(fromMs - 1, cancellationToken);
        var before = ProcStats.ReadAll(service.ProcessIds);
        var databaseBefore = service.DatabaseCpuSeconds();
        var apiLoad = scenario.ApiRate > 0 ? ApiLoad.RunAsync(api, targetId, fromMs, toMs, scenario.ApiRate, cancellationToken) : null;
        await Clock.UntilAsync(toMs, cancellationToken);
        var burst = cohorts.Any(c => c.Kind == CohortKind.Once);
        if (burst)
        {
            await WaitForBurstAsync(cohorts.Sum(c => (long)c.Count), scenario.Grace, cancellationToken);
        }

        var after = ProcStats.ReadAll(service.ProcessIds);
        var databaseAfter = service.DatabaseCpuSeconds();
        if (apiLoad is not null)
        {
            foreach (var (name, value) in await apiLoad)
            {
                extra[name] = value;
            }
        }

        if (!burst)
        {
            await Task.Delay(scenario.Grace, cancellationToken);
        }

        var records = await sink.FetchAsync("s", cancellationToken);
        await service.StopAsync();
        await WriteArrivalsAsync(scenario.Name, records, cancellationToken);
        var analyzer = new FireAnalyzer(cohorts, schedules);
        var draft = analyzer.Analyze("service", records, fromMs, toMs, after.CpuSeconds - before.CpuSeconds, after.PeakRssBytes, null);
        var windowSeconds = Math.Max(toMs - fromMs, draft.LastArrivalMs) / 1000.0;
        var rows = await service.CountRunRowsAsync(fromMs, toMs, cancellationToken);
        extra["run_rows_in_window"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var figures = draft with { RowsPerSecond = windowSeconds <= 0 ? 0 : rows / windowSeconds, DatabaseCpuSeconds = databaseAfter - databaseBefore };

        var floor = scenario.RunFloor ? await RunFloorAsync(scenario, cohorts, fromMs, toMs, cancellationToken) : null;
        return new ScenarioResult(scenario.Name, service.Mode, scenario.Parameters, DateTimeOffset.UtcNow, creation, figures, floor, extra);
    }

    /// <summary>Every arrival at the sink, for looking at lateness over time (kept in the work directory).</summary>
    private async Task WriteArrivalsAsync(string scenario, List<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (workDirectory is null)
        {
            return;
        }

        var path = Path.Combine(workDirectory, $"arrivals-{scenario.Replace(' ', '-')}.csv");
        var lines = records
            .OrderBy(r => r.ArrivedUnixMicros)
            .Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.ScheduledUnixMs},{r.ArrivedUnixMicros},{r.ScheduleId}"));
        await File.WriteAllLinesAsync(path, ["scheduled_unix_ms,arrived_unix_us,schedule_id", .. lines], cancellationToken);
        log.WriteLine($"[{scenario}] arrivals written to {path}");
    }

    internal static async Task<(Dictionary<string, (int, int)> Schedules, CreationFigures Creation)> CreateAsync(
        ServiceApi api, string targetId, IReadOnlyList<Cohort> cohorts, int concurrency, CancellationToken cancellationToken)
    {
        var schedules = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var latency = Histograms.Create();
        var started = Clock.NowMs();
        for (var c = 0; c < cohorts.Count; c++)
        {
            var cohort = cohorts[c];
            var (ids, created) = await api.CreateSchedulesAsync(cohort.Count, i => ScheduleBodies.For(cohort, i, targetId), concurrency, null, cancellationToken);
            latency.Add(created);
            for (var i = 0; i < ids.Length; i++)
            {
                schedules[ids[i]] = (c, i);
            }
        }

        var seconds = (Clock.NowMs() - started) / 1000.0;
        return (schedules, new CreationFigures(schedules.Count, seconds, latency.Ms(50), latency.Ms(99), latency.MaxMs()));
    }

    /// <summary>
    /// The measured window: a burst's one instant, which creation must have finished before; otherwise whole
    /// seconds from the end of creation plus the warm-up, so no instant is counted while schedules are still
    /// being created.
    /// </summary>
    private static (long From, long To) Window(FireScenario scenario, IReadOnlyList<Cohort> cohorts, long createEnd)
    {
        if (cohorts.FirstOrDefault(c => c.Kind == CohortKind.Once) is { } once)
        {
            if (createEnd + 500 > once.AnchorUnixMs)
            {
                throw new InvalidOperationException(
                    $"Creating the schedules ended {createEnd - once.AnchorUnixMs + 500} ms too late for the burst instant: raise --lead.");
            }

            return (once.AnchorUnixMs, once.AnchorUnixMs + 1);
        }

        // Aligned schedules start together at their anchor: the window opens after it (and after the warm-up).
        var start = Math.Max(createEnd, cohorts.Where(c => c.Kind == CohortKind.Aligned).Select(c => c.AnchorUnixMs).DefaultIfEmpty(0).Max());
        var from = Clock.CeilTo(start + (long)scenario.Warmup.TotalMilliseconds, 1000);
        return (from, from + (long)scenario.Duration.TotalMilliseconds);
    }

    /// <summary>
    /// Waits until the sink holds <paramref name="expected"/> records, or has seen nothing new for two seconds
    /// after the first arrival, or <paramref name="patience"/> has passed.
    /// </summary>
    internal async Task WaitForBurstAsync(long expected, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = Clock.NowMs() + (long)patience.TotalMilliseconds;
        var last = 0;
        var quietSince = Clock.NowMs();
        while (Clock.NowMs() < deadline)
        {
            var count = await sink.CountAsync(cancellationToken);
            if (count >= expected)
            {
                return;
            }

            if (count != last)
            {
                last = count;
                quietSince = Clock.NowMs();
            }
            else if (count > 0 && Clock.NowMs() - quietSince >= 2000)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
