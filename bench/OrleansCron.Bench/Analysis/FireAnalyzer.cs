using OrleansCron.Bench.Plans;
using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Analysis;

/// <summary>Turns the sink's records into figures for one window [from, to) of a plan.</summary>
/// <param name="Cohorts">The plan.</param>
/// <param name="Schedules">Each schedule id's cohort and index in it.</param>
public sealed record FireAnalyzer(IReadOnlyList<Cohort> Cohorts, IReadOnlyDictionary<string, (int Cohort, int Index)> Schedules)
{
    public FireFigures Analyze(
        string side, IEnumerable<SinkRecord> records, long fromMs, long toMs, double cpuSeconds, long peakRssBytes, double? rowsPerSecond)
    {
        var expected = 0L;
        var schedules = 0;
        foreach (var (_, (cohort, index)) in Schedules)
        {
            var count = Cohorts[cohort].CountIn(index, fromMs, toMs);
            expected += count;
            schedules += count > 0 ? 1 : 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lateness = Histograms.Create();
        long observed = 0, repeated = 0, unexpected = 0, early = 0, lastArrival = long.MinValue;
        foreach (var record in records.OrderBy(r => r.ArrivedUnixMicros))
        {
            if (!seen.Add(record.Key))
            {
                repeated++;
                continue;
            }

            if (record.ScheduledUnixMs < fromMs || record.ScheduledUnixMs >= toMs)
            {
                continue;
            }

            if (!Schedules.TryGetValue(record.ScheduleId, out var at) || !Cohorts[at.Cohort].IsInstant(at.Index, record.ScheduledUnixMs))
            {
                unexpected++;
                continue;
            }

            observed++;
            var late = record.ArrivedUnixMicros - (record.ScheduledUnixMs * 1000);
            early += late < 0 ? 1 : 0;
            lateness.RecordValue(Math.Max(1, late));
            lastArrival = Math.Max(lastArrival, record.ArrivedUnixMicros);
        }

        var lastArrivalMs = observed == 0 ? 0 : (lastArrival - (fromMs * 1000)) / 1000.0;
        var windowMs = Math.Max(toMs - fromMs, lastArrivalMs);
        return new FireFigures(
            side,
            schedules,
            expected,
            observed,
            expected - observed,
            repeated,
            unexpected,
            early,
            lateness.Ms(50),
            lateness.Ms(99),
            lateness.Ms(99.9),
            lateness.MaxMs(),
            lastArrivalMs,
            windowMs <= 0 ? 0 : observed * 1000.0 / windowMs,
            cpuSeconds,
            peakRssBytes,
            rowsPerSecond);
    }
}
