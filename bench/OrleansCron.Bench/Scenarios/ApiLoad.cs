using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Api;

namespace OrleansCron.Bench.Scenarios;

/// <summary>
/// Scenario 7's load: creates and updates at a fixed rate, open loop (each call starts at its own instant
/// whatever the others do; latency counts from that instant, so a stalled service cannot hide its queue).
/// Calls alternate: create a far-off schedule, then update (PATCH) one created before.
/// </summary>
public static class ApiLoad
{
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(
        ServiceApi api, string targetId, long fromMs, long toMs, double perSecond, CancellationToken cancellationToken)
    {
        var creates = Histograms.Create();
        var updates = Histograms.Create();
        var created = new ConcurrentQueue<string>();
        var failures = 0;
        var calls = new List<Task>();
        var total = (long)((toMs - fromMs) / 1000.0 * perSecond);
        for (var k = 0L; k < total; k++)
        {
            var intended = fromMs + (long)(k * 1000 / perSecond);
            await Clock.UntilAsync(intended, cancellationToken);
            var isUpdate = k % 2 == 1 && !created.IsEmpty;
            calls.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        if (isUpdate && created.TryDequeue(out var id))
                        {
                            await api.PatchScheduleAsync(id, new JsonObject { ["description"] = $"updated {intended}" }, cancellationToken);
                            Record(updates, intended);
                            created.Enqueue(id);
                        }
                        else
                        {
                            created.Enqueue(await api.CreateScheduleAsync(ScheduleBodies.FarOff(targetId, intended, (int)(intended % 1000)), cancellationToken));
                            Record(creates, intended);
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(calls);
        return new Dictionary<string, string>
        {
            ["api_rate_per_s"] = perSecond.ToString("0", CultureInfo.InvariantCulture),
            ["api_creates"] = creates.TotalCount.ToString(CultureInfo.InvariantCulture),
            ["api_create_p50_ms"] = creates.Ms(50).ToString("0.0", CultureInfo.InvariantCulture),
            ["api_create_p99_ms"] = creates.Ms(99).ToString("0.0", CultureInfo.InvariantCulture),
            ["api_create_max_ms"] = creates.MaxMs().ToString("0.0", CultureInfo.InvariantCulture),
            ["api_updates"] = updates.TotalCount.ToString(CultureInfo.InvariantCulture),
            ["api_update_p50_ms"] = updates.Ms(50).ToString("0.0", CultureInfo.InvariantCulture),
            ["api_update_p99_ms"] = updates.Ms(99).ToString("0.0", CultureInfo.InvariantCulture),
            ["api_update_max_ms"] = updates.MaxMs().ToString("0.0", CultureInfo.InvariantCulture),
            ["api_failures"] = failures.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static void Record(HdrHistogram.LongHistogram histogram, long intendedMs)
    {
        var micros = Math.Max(1, ((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10) - (intendedMs * 1000));
        lock (histogram)
        {
            histogram.RecordValue(micros);
        }
    }
}
