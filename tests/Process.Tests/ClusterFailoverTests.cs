using System.Diagnostics;
using OrleansCron.Tests.Infrastructure;

namespace OrleansCron.Tests;

/// <summary>
/// Cluster mode with real processes: three silos and a gateway on PostgreSQL, firing at a recording server on
/// loopback. One silo is killed (-9): every schedule fires again soon after the cluster declares it dead, nothing is
/// claimed twice, and an idempotency key repeats only for an occurrence that was in flight at the kill.
/// </summary>
public sealed class ClusterFailoverTests : ClusterTestBase
{
    private const int Schedules = 200;

    [Fact]
    public async Task KillOneSilo_EverySchedulePicksUpAgain_AndNothingIsClaimedTwice()
    {
        var silos = Enumerable.Range(0, 3).Select(_ => ServiceProcess.ClusterSilo(Database.ConnectionString, WorkingDirectory)).ToArray();
        await using var gateway = ServiceProcess.ClusterGateway(Database.ConnectionString, WorkingDirectory);
        try
        {
            // One at a time: the first creates the schema; the others join.
            foreach (var silo in silos)
            {
                await silo.StartAsync();
            }

            await gateway.StartAsync();
            var ids = await CreateSchedulesAsync(gateway.Client, Schedules);
            await Recorder.WaitForAsync(r => ids.All(id => r.Count(x => x.ScheduleId == id) >= 2), Patience, "every schedule firing");
            var killedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await silos[0].KillAsync();

            var after = await Recorder.WaitForAsync(
                r => ids.All(id => r.Any(x => x.ScheduleId == id && x.ArrivedAt > killedAt.AddSeconds(1))),
                Patience,
                "every schedule firing again after the kill");
            var resumedIn = ids.Max(id => after.Where(x => x.ScheduleId == id && x.ArrivedAt > killedAt.AddSeconds(1)).Min(x => x.ArrivedAt)) - killedAt;
            var repeated = after.Where(x => x.IdempotencyKey is not null).GroupBy(x => x.IdempotencyKey!).Where(g => g.Count() > 1).ToArray();
            Console.WriteLine($"cluster failover: {Schedules} schedules, last one resumed {resumedIn.TotalSeconds:0.0} s after the kill (observed at {clock.Elapsed.TotalSeconds:0.0} s), {repeated.Length} key(s) repeated");

            Assert.True(resumedIn < TimeSpan.FromSeconds(30), $"the last schedule resumed {resumedIn.TotalSeconds:0.0} s after the kill");
            foreach (var group in repeated)
            {
                var run = await gateway.Client.GetObjectAsync($"/api/v1/runs/{Uri.EscapeDataString(group.First().RunId!)}");
                var classes = run["attempts"]!.AsArray().Select(a => a!["error_class"]?.GetValue<string>()).ToArray();
                Assert.True(classes.Contains("interrupted"), $"{group.Key} was sent {group.Count()} times without an interruption: {run.ToJsonString()}");
            }

            // History is whole: per schedule, one run per instant (none claimed twice), no instant without a run
            // (sent, or recorded as missed or skipped by policy), and every request the target saw is on record.
            // Snapshot first: each request was claimed (on record) before it was sent, so all of these must be found.
            var sentBefore = Recorder.Requests;
            var missed = 0;
            var recordedRunIds = new HashSet<string>();
            foreach (var id in ids)
            {
                var runs = await gateway.Client.GetAllAsync($"/api/v1/runs?schedule_id={id}");
                var instants = runs.Select(r => DateTimeOffset.Parse(r.Str("scheduled_at"), System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
                Assert.Equal(instants.Length, instants.Distinct().Count());
                for (var k = 1; k < instants.Length; k++)
                {
                    Assert.True(instants[k] - instants[k - 1] == TimeSpan.FromSeconds(1), $"{id}: no run for the instants between {instants[k - 1]:O} and {instants[k]:O}");
                }

                missed += runs.Count(r => r.Str("status") == "missed");
                recordedRunIds.UnionWith(runs.Select(r => r.Str("id")));
            }

            var unrecorded = sentBefore.Where(x => x.RunId is not null && !recordedRunIds.Contains(x.RunId)).Select(x => x.RunId).Distinct().ToArray();
            Assert.True(unrecorded.Length == 0, $"sent but not in history: {string.Join(", ", unrecorded.Take(10))}");
            Console.WriteLine($"cluster failover: {missed} occurrence(s) recorded as missed by policy");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
