using System.Globalization;
using OrleansCron.Bench.Floor;
using OrleansCron.Bench.Plans;

// The floor: a bare program that fires the same due instants at the same sink as the service would, with .NET
// timers and HttpClient and nothing else. Usage:
//   OrleansCron.Bench.Floor <sink url> <from unix ms> <to unix ms> <cohort> [<cohort> ...]
// where a cohort is kind:count:periodMs:anchorUnixMs (see Cohort). Instants in [from, to) are fired.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: OrleansCron.Bench.Floor <sink url> <from ms> <to ms> <cohort>...");
    return 2;
}

var target = new Uri(new Uri(args[0]), "f");
var fromMs = long.Parse(args[1], CultureInfo.InvariantCulture);
var toMs = long.Parse(args[2], CultureInfo.InvariantCulture);
var cohorts = args.Skip(3).Select(Cohort.Parse).ToList();

var firsts = new List<(int Cohort, int Index, long First)>();
for (var c = 0; c < cohorts.Count; c++)
{
    for (var i = 0; i < cohorts[c].Count; i++)
    {
        if (cohorts[c].FirstAtOrAfter(i, fromMs) is { } first && first < toMs)
        {
            firsts.Add((c, i, first));
        }
    }
}

using var sender = new FloorSender(target, firsts.Count);
var armed = firsts.Select(f => new FloorSchedule(sender, f.Cohort, cohorts[f.Cohort], f.Index, f.First, toMs)).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLOOR armed {armed.Count}"));
foreach (var schedule in armed)
{
    schedule.Arm();
}

// Bounded: every instant is before toMs, so everything is sent within a minute of it or counted as failed.
// The process lingers a few seconds after its last send so the driver can still read its CPU time and memory.
var deadline = DateTimeOffset.FromUnixTimeMilliseconds(toMs) + TimeSpan.FromSeconds(60);
var linger = DateTimeOffset.FromUnixTimeMilliseconds(toMs) + TimeSpan.FromSeconds(5);
while (DateTimeOffset.UtcNow < deadline && !(sender.Finished && DateTimeOffset.UtcNow >= linger))
{
    await Task.Delay(100);
}

await Task.Delay(TimeSpan.FromSeconds(3));

foreach (var schedule in armed)
{
    schedule.Dispose();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLOOR done failures={sender.Failures}"));
return 0;
