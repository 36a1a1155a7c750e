using System.Globalization;
using System.Text.RegularExpressions;
using OrleansCron.Tests.Infrastructure;

namespace OrleansCron.Tests;

/// <summary>
/// Cluster mode under planned restarts: each of three silos in turn gets SIGTERM and comes back while 200 schedules
/// fire every second, then the whole cluster stops and starts again. A graceful stop drains in-flight requests, so
/// nothing is cut off and nothing repeats; the instants that come due during a handover (or the full restart) are
/// within the default 60 s grace period (misfire fire_once), so they fire late and in order: none is lost or recorded
/// as missed. Overlap is "allow": during the restart's catch-up on two cores (three silos, PostgreSQL, a gateway and
/// the recorder) the recorder itself can take over a second to answer, and "skip" would then rightly skip the next
/// instant, judged as if on time (grain tests cover that judgement); what is tested here is the handover.
/// </summary>
public sealed partial class ClusterRestartTests : ClusterTestBase
{
    private const int Schedules = 200;

    [Fact]
    public async Task RollingThenFullRestart_LosesNothingAndRepeatsNothing()
    {
        var silos = new List<ServiceProcess>();

        // What each stopped silo said of its drain: a repeat after a drain that timed out is told apart from others.
        var stops = new List<string>();
        var logs = new List<(string Name, ServiceProcess Process)>();
        void NoteStop(string silo, ServiceProcess process)
        {
            stops.AddRange(process.Output.Split('\n').Where(l => l.Contains("Stopping:", StringComparison.Ordinal)).Select(l => $"{silo}: {l.Trim()}"));
            logs.Add((silo, process));
        }

        var gateway = ServiceProcess.ClusterGateway(Database.ConnectionString, WorkingDirectory);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await StartSiloAsync());
            }

            await gateway.StartAsync();
            var ids = await CreateSchedulesAsync(gateway.Client, Schedules, overlapPolicy: "allow");
            await Recorder.WaitForAsync(r => ids.All(id => r.Count(x => x.ScheduleId == id) >= 2), Patience, "every schedule firing");

            // Rolling: one silo at a time, each back and ready before the next goes.
            for (var i = 0; i < silos.Count; i++)
            {
                await silos[i].StopAsync();
                NoteStop($"silo {i + 1} (rolling)", silos[i]);
                await silos[i].DisposeAsync();
                silos[i] = await StartSiloAsync();
                var back = DateTimeOffset.UtcNow;
                await Recorder.WaitForAsync(r => ids.All(id => r.Any(x => x.ScheduleId == id && x.ArrivedAt > back)), Patience, $"every schedule firing after restarting silo {i + 1}");
            }

            var before = await RunCountsAsync(gateway.Client, ids);

            // Full: everything stops, everything starts again on the same database.
            await gateway.StopAsync();
            await gateway.DisposeAsync();
            for (var i = 0; i < silos.Count; i++)
            {
                await silos[i].StopAsync();
                NoteStop($"silo {i + 1} (full)", silos[i]);
                await silos[i].DisposeAsync();
            }

            silos.Clear();
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await StartSiloAsync());
            }

            gateway = ServiceProcess.ClusterGateway(Database.ConnectionString, WorkingDirectory);
            await gateway.StartAsync();
            var restarted = DateTimeOffset.UtcNow;
            await Recorder.WaitForAsync(r => ids.All(id => r.Any(x => x.ScheduleId == id && x.ArrivedAt > restarted)), Patience, "every schedule firing after the full restart");
            await Task.Delay(TimeSpan.FromSeconds(2));

            var lateness = Recorder.Requests.Where(x => x.ScheduledAt is not null).Select(x => (x.ArrivedAt - x.ScheduledAt!.Value).TotalMilliseconds).Order().ToArray();
            logs.AddRange(silos.Select((s, i) => ($"silo {i + 1} (last)", s)));
            Console.WriteLine($"cluster rolling+full restart: {Schedules} schedules, {lateness.Length} requests, lateness p50 {lateness[lateness.Length / 2]:0} ms, p99 {lateness[(int)(lateness.Length * 0.99)]:0} ms, max {lateness[^1]:0} ms; {string.Join(" | ", stops)}; {Notable(logs)}");
            var repeated = Recorder.Requests.Where(x => x.IdempotencyKey is not null).GroupBy(x => x.IdempotencyKey!).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            if (repeated.Length > 0)
            {
                Assert.Fail($"sent twice: {await DescribeRepeatsAsync(gateway.Client, repeated)}; the silos' stops: {string.Join(" | ", stops)}; "
                    + $"what they logged of reports, cut-offs and refires: {string.Join(" | ", NotableLines(logs).Take(30))}; their logs: {SaveLogs(logs)}");
            }

            var after = await RunCountsAsync(gateway.Client, ids);
            foreach (var id in ids)
            {
                Assert.True(after[id] >= before[id], $"{id}: {before[id]} runs before the full restart, {after[id]} after");
                var runs = (await gateway.Client.GetAllAsync($"/api/v1/runs?schedule_id={id}")).OrderBy(r => r["occurrence"]!.GetValue<long>()).ToArray();
                var lost = runs.Where(r => r.Str("status") is "missed" or "interrupted" or "skipped").Select(r => $"{r["occurrence"]}:{r.Str("status")}:{r.Str("trigger")}").ToArray();
                Assert.True(lost.Length == 0, $"{id}: {string.Join(", ", lost)}");
                var instants = runs.Select(r => DateTimeOffset.Parse(r.Str("scheduled_at"), CultureInfo.InvariantCulture)).ToArray();
                for (var k = 1; k < instants.Length; k++)
                {
                    Assert.True(instants[k] - instants[k - 1] == TimeSpan.FromSeconds(1), $"{id}: gap between {instants[k - 1]:O} and {instants[k]:O}");
                }

                var sent = Recorder.Requests.Where(x => x.ScheduleId == id).Select(x => x.Occurrence!.Value).ToHashSet();
                Assert.All(runs.Where(r => r.Str("status") == "succeeded"), r => Assert.Contains(r["occurrence"]!.GetValue<long>(), sent));
            }
        }
        finally
        {
            await gateway.DisposeAsync();
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>For each repeated key: every arrival the recorder saw and the run record the service kept.</summary>
    private async Task<string> DescribeRepeatsAsync(HttpClient client, string[] keys)
    {
        var lines = new List<string>();
        foreach (var key in keys)
        {
            var arrivals = Recorder.Requests.Where(x => x.IdempotencyKey == key)
                .Select(x => $"arrived {x.ArrivedAt:HH:mm:ss.fff} run {x.RunId} attempt {x.Attempt} due {x.ScheduledAt:HH:mm:ss.fff}");
            var scheduleId = key[..key.LastIndexOf(':')];
            var occurrence = long.Parse(key[(key.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var runs = (await client.GetAllAsync($"/api/v1/runs?schedule_id={scheduleId}"))
                .Where(r => r["occurrence"]!.GetValue<long>() == occurrence).Select(r => r.ToJsonString());
            lines.Add($"{key}: {string.Join("; ", arrivals)}; runs {string.Join(" ", runs)}");
        }

        return string.Join(" || ", lines);
    }

    // What the silos logged that bears on sending twice: reports that failed, attempts cut off, refires, and runs an
    // activation let go because another one moved them on first.
    private static readonly string[] Markers = ["failed (try", "abandoned", "dropped", "cut off by a crash", "still in flight", "moved on under another activation"];

    private static string Notable(IEnumerable<(string Name, ServiceProcess Process)> logs)
    {
        var lines = NotableLines(logs).ToArray();
        var tries = lines.Select(l => ReportTry().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return string.Join(", ", Markers.Select(m => $"\"{m}\" {lines.Count(l => l.Contains(m, StringComparison.Ordinal))}")) + $"; most failed tries of one report {tries}";
    }

    [GeneratedRegex(@"failed \(try (\d+)\)")]
    private static partial Regex ReportTry();

    private static IEnumerable<string> NotableLines(IEnumerable<(string Name, ServiceProcess Process)> logs) =>
        logs.SelectMany(l => l.Process.Output.Split('\n')
            .Where(line => Markers.Any(m => line.Contains(m, StringComparison.Ordinal)))
            .Select(line => $"{l.Name}: {line.Trim()}"));

    /// <summary>Writes each process's output beside the test's working files and returns where.</summary>
    private string SaveLogs(IEnumerable<(string Name, ServiceProcess Process)> logs)
    {
        foreach (var (name, process) in logs)
        {
            File.WriteAllText(Path.Combine(WorkingDirectory, $"{name.Replace(' ', '-').Replace("(", "").Replace(")", "")}.log"), process.Output);
        }

        return WorkingDirectory;
    }

    private static async Task<Dictionary<string, int>> RunCountsAsync(HttpClient client, List<string> ids)
    {
        var counts = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            counts[id] = (await client.GetAllAsync($"/api/v1/runs?schedule_id={id}")).Count;
        }

        return counts;
    }
}
