using System.Globalization;
using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Api;
using OrleansCron.Bench.Plans;
using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Scenarios;

/// <summary>
/// Scenario 6: many schedules registered with far-off due times, plus a few probes due every second. Measures
/// creation, memory, a graceful restart's start-up time and the time from the restart to the first fire.
/// </summary>
public sealed class RestartRunner(SinkHost sink, Func<IServiceUnderTest> newService, TextWriter log)
{
    public async Task<ScenarioResult> RunAsync(int farOff, int probes, int concurrency, TimeSpan watch, CancellationToken cancellationToken = default)
    {
        var extra = new Dictionary<string, string>();
        await sink.ClearAsync(cancellationToken);
        await using var service = newService();
        await service.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new ServiceApi(service.BaseAddress);
        var targetId = await api.CreateTargetAsync(sink.Url("s"), cancellationToken);

        var started = Clock.NowMs();
        var probeCohort = new Cohort(CohortKind.Spread, probes, 1000, Clock.CeilTo(started, 1000));
        _ = await api.CreateSchedulesAsync(probes, i => ScheduleBodies.For(probeCohort, i, targetId), concurrency, null, cancellationToken);
        var (_, latency) = await api.CreateSchedulesAsync(
            farOff, i => ScheduleBodies.FarOff(targetId, started, i), concurrency, n => log.WriteLine($"[6] {n} created"), cancellationToken);
        var seconds = (Clock.NowMs() - started) / 1000.0;
        var creation = new CreationFigures(farOff + probes, seconds, latency.Ms(50), latency.Ms(99), latency.MaxMs());
        log.WriteLine($"[6] created {creation.Schedules} in {seconds:0.0} s ({creation.PerSecond:0}/s)");

        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var loaded = ProcStats.ReadAll(service.ProcessIds);
        extra["rss_after_create_mb"] = Mb(loaded.RssBytes);
        extra["peak_rss_before_restart_mb"] = Mb(loaded.PeakRssBytes);
        extra["db_file_mb"] = Mb(await service.DataSizeBytesAsync(cancellationToken));

        var stopStart = Clock.NowMs();
        await service.StopAsync();
        extra["stop_s"] = Seconds(Clock.NowMs() - stopStart);
        await sink.ClearAsync(cancellationToken);

        var databaseAtSpawn = service.DatabaseCpuSeconds();
        var spawn = Clock.NowMs();
        await service.StartAsync(TimeSpan.FromMinutes(10));
        var ready = Clock.NowMs();
        extra["startup_to_ready_s"] = Seconds(ready - spawn);
        var firstFire = await FirstArrivalAsync(TimeSpan.FromMinutes(5), cancellationToken);
        extra["restart_to_first_fire_s"] = firstFire is { } first ? Seconds(first - spawn) : "none within 5 min";
        extra["ready_to_first_fire_s"] = firstFire is { } f ? Seconds(f - ready) : "-";

        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var after = ProcStats.ReadAll(service.ProcessIds);
        extra["rss_10s_after_restart_mb"] = Mb(after.RssBytes);
        extra["peak_rss_after_restart_mb"] = Mb(after.PeakRssBytes);
        extra["cpu_s_since_restart"] = after.CpuSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (service.DatabaseCpuSeconds() - databaseAtSpawn is { } databaseCpu)
        {
            extra["db_cpu_s_since_restart"] = databaseCpu.ToString("0.0", CultureInfo.InvariantCulture);
        }

        // Longer after the restart: what the schedules' reminders bring back into memory as they tick (--watch).
        if (watch > TimeSpan.FromSeconds(10))
        {
            await Task.Delay(watch - TimeSpan.FromSeconds(10), cancellationToken);
            var later = ProcStats.ReadAll(service.ProcessIds);
            var label = ((int)watch.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            extra[$"rss_{label}s_after_restart_mb"] = Mb(later.RssBytes);
            extra[$"peak_rss_{label}s_after_restart_mb"] = Mb(later.PeakRssBytes);
            extra[$"cpu_s_{label}s_after_restart"] = later.CpuSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        }

        await service.StopAsync();
        return new ScenarioResult("6 far-off + restart", service.Mode, $"far_off={farOff} probes={probes}", DateTimeOffset.UtcNow, creation, null, null, extra);
    }

    private async Task<long?> FirstArrivalAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = Clock.NowMs() + (long)patience.TotalMilliseconds;
        while (Clock.NowMs() < deadline)
        {
            var records = await sink.FetchAsync("s", cancellationToken);
            if (records.Count > 0)
            {
                return records.Min(r => r.ArrivedUnixMicros) / 1000;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}
