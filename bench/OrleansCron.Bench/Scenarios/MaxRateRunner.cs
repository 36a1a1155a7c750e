using System.Globalization;
using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Api;
using OrleansCron.Bench.Plans;
using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Scenarios;

/// <summary>
/// Scenario 4: raises the fire rate step by step (adding spread schedules to one running service) until p99
/// lateness passes the limit or a fire is missed, and reports the last rate that held.
/// </summary>
public sealed class MaxRateRunner(SinkHost sink, Func<IServiceUnderTest> newService, TextWriter log)
{
    public async Task<ScenarioResult> RunAsync(
        int periodSeconds, int startRate, int stepRate, int maxRate, TimeSpan warmup, TimeSpan stepDuration, double p99LimitMs, int concurrency,
        CancellationToken cancellationToken = default)
    {
        var extra = new Dictionary<string, string>();
        await sink.ClearAsync(cancellationToken);
        await using var service = newService();
        await service.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new ServiceApi(service.BaseAddress);
        var targetId = await api.CreateTargetAsync(sink.Url("s"), cancellationToken);
        var cohorts = new List<Cohort>();
        var schedules = new Dictionary<string, (int Cohort, int Index)>(StringComparer.Ordinal);
        var periodMs = periodSeconds * 1000L;
        FireFigures? held = null;
        var rate = 0;
        var arrived = new List<SinkRecord>();
        var fetched = 0;
        for (var target = startRate; target <= maxRate; target += stepRate)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"step_{target}_per_s");

            // Each step's new schedules are spread over the period, offset by half a slot from earlier steps.
            var added = (target - rate) * periodSeconds;
            var cohort = new Cohort(CohortKind.Spread, added, periodMs, Clock.CeilTo(Clock.NowMs() + 2000, 1000) + (periodMs / added / 2));
            string[] ids;
            try
            {
                (ids, _) = await api.CreateSchedulesAsync(added, i => ScheduleBodies.For(cohort, i, targetId), concurrency, null, cancellationToken);
            }
            catch (ApiRefusedException refused)
            {
                // The service under this load could not take the step's schedules (e.g. 503: a create timed out): the
                // rate cannot be raised further, so the climb ends here, with the last rate that held.
                extra[key] = $"creating {added} more schedules was refused ({refused.Call}) FAILED";
                log.WriteLine($"[4] {target}/s: {extra[key]}");
                break;
            }

            cohorts.Add(cohort);
            for (var i = 0; i < ids.Length; i++)
            {
                schedules[ids[i]] = (cohorts.Count - 1, i);
            }

            rate = target;
            var from = Clock.CeilTo(Clock.NowMs() + (long)warmup.TotalMilliseconds, 1000);
            var to = from + (long)stepDuration.TotalMilliseconds;
            await Clock.UntilAsync(from - 1, cancellationToken);
            var before = ProcStats.ReadAll(service.ProcessIds);
            var databaseBefore = service.DatabaseCpuSeconds();
            await Clock.UntilAsync(to + 2000, cancellationToken);
            var after = ProcStats.ReadAll(service.ProcessIds);
            var databaseAfter = service.DatabaseCpuSeconds();
            var (news, total) = await sink.FetchSinceAsync("s", fetched, cancellationToken);
            arrived.AddRange(news);
            fetched = total;
            var figures = new FireAnalyzer(cohorts, schedules).Analyze(
                "service", arrived, from, to, after.CpuSeconds - before.CpuSeconds, after.PeakRssBytes, null)
                with
            { DatabaseCpuSeconds = databaseAfter - databaseBefore };
            var holds = figures.Missed == 0 && figures.Repeated == 0 && figures.P99Ms <= p99LimitMs;
            extra[key] = string.Create(
                CultureInfo.InvariantCulture,
                $"observed {figures.FiresPerSecond:0}/s missed {figures.Missed} repeated {figures.Repeated} p50 {figures.P50Ms:0.0} p99 {figures.P99Ms:0.0} max {figures.MaxMs:0} ms cpu/1k {figures.CpuPer1000:0.00} s{(figures.DatabaseCpuPer1000 is { } db ? $" db cpu/1k {db:0.00} s" : "")} {(holds ? "held" : "FAILED")}");
            log.WriteLine($"[4] {target}/s: {extra[key]}");
            if (!holds)
            {
                break;
            }

            held = figures;
        }

        extra["last_rate_held_per_s"] = held is null ? "none" : held.FiresPerSecond.ToString("0", CultureInfo.InvariantCulture);
        await service.StopAsync();
        return new ScenarioResult(
            "4 max sustained rate", service.Mode, $"period={periodSeconds}s start={startRate} step={stepRate} max={maxRate} p99_limit={p99LimitMs}ms", DateTimeOffset.UtcNow, null, held, null, extra);
    }
}
