using Microsoft.Diagnostics.Runtime;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// heap <pid> [top]: live objects of a running .NET process by type, those of them in gen1, then the garbage that died
//   in gen2 or the large object heap, by type (suspends the process while it walks: seconds to a minute).
// gc <file.nettrace> [min-ms] [from-s] [to-s]: garbage collection pauses from an EventPipe trace taken with
//   DOTNET_EnableEventPipe=1 DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x1:4'
//   DOTNET_EventPipeOutputPath='/tmp/trace-{pid}.nettrace'.
// events <file.nettrace> <from-s> <to-s>: every runtime event in that span of the trace, with its first payload fields
//   (the thread pool's own events left out).
// threads <file.nettrace>: the thread pool's changes of its worker count, with their reason (starvation: work waited
//   while every worker was busy or blocked), from a trace taken with 'Microsoft-Windows-DotNETRuntime:0x10000:4'.
// alloc <file.nettrace> [top] [from-s] [to-s]: sampled allocations (one event per ~100 KB) by type and by the frames
//   that made them, from a trace taken with DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x19:5'
//   (GC, loader and JIT events, verbose: the allocation ticks, with stacks and the methods to name their frames).
return args switch
{
    ["heap", var pid, .. var rest] => Heap(int.Parse(pid), rest.Length > 0 ? int.Parse(rest[0]) : 60),
    ["gc", var file, .. var rest] => Pauses(
        file,
        rest.Length > 0 ? double.Parse(rest[0]) : 50,
        rest.Length > 1 ? double.Parse(rest[1]) : 0,
        rest.Length > 2 ? double.Parse(rest[2]) : double.MaxValue),
    ["threads", var file] => ThreadPoolAdjustments(file),
    ["events", var file, var from, var to] => Events(file, double.Parse(from), double.Parse(to)),
    ["alloc", var file, .. var rest] => Allocations(
        file,
        rest.Length > 0 ? int.Parse(rest[0]) : 40,
        rest.Length > 1 ? double.Parse(rest[1]) : 0,
        rest.Length > 2 ? double.Parse(rest[2]) : double.MaxValue),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HeapCensus heap <pid> [top] | gc <file.nettrace> [min-ms] [from-s] [to-s] | threads <file.nettrace> | events <file.nettrace> <from-s> <to-s> | alloc <file.nettrace> [top] [from-s] [to-s]");
    return 2;
}

static int Heap(int pid, int top)
{
    using var target = DataTarget.AttachToProcess(pid, suspend: true);
    var clr = target.ClrVersions[0];

    // The runtime's own DAC beside libcoreclr.so; no symbol server is reachable from here.
    var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName) ?? "", "libmscordaccore.so");
    using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
    var heap = runtime.Heap;

    var live = new HashSet<ulong>();
    var pending = new Stack<ulong>();
    foreach (var root in heap.EnumerateRoots())
    {
        if (root.Object.Address != 0 && live.Add(root.Object.Address))
        {
            pending.Push(root.Object.Address);
        }
    }

    while (pending.Count > 0)
    {
        var item = heap.GetObject(pending.Pop());
        if (!item.IsValid)
        {
            continue;
        }

        foreach (var reference in item.EnumerateReferenceAddresses(carefully: true))
        {
            if (reference != 0 && live.Add(reference))
            {
                pending.Push(reference);
            }
        }
    }

    var byType = new Dictionary<string, (long Count, long Bytes)>();
    var deadOld = new Dictionary<string, (long Count, long Bytes)>();
    var liveGen1 = new Dictionary<string, (long Count, long Bytes)>();
    long liveBytes = 0, deadBytes = 0;
    foreach (var item in heap.EnumerateObjects())
    {
        if (!item.IsValid)
        {
            continue;
        }

        if (!live.Contains(item.Address))
        {
            deadBytes += (long)item.Size;

            // Garbage that reached gen2 or the large heap died old: it was copied by every young collection it
            // outlived, and it is what background collections of gen2 have to find.
            var generation = heap.GetSegmentByAddress(item.Address)?.GetGeneration(item.Address) ?? Generation.Unknown;
            if (generation is Generation.Generation2 or Generation.Large)
            {
                var key = item.Type?.Name ?? "<unknown>";
                deadOld.TryGetValue(key, out var dead);
                deadOld[key] = (dead.Count + 1, dead.Bytes + (long)item.Size);
            }

            continue;
        }

        var name = item.Type?.Name ?? "<unknown>";
        if (heap.GetSegmentByAddress(item.Address)?.GetGeneration(item.Address) == Generation.Generation1)
        {
            // Live in gen1: survived a young collection lately, and is on its way to gen2 unless it dies soon.
            liveGen1.TryGetValue(name, out var young);
            liveGen1[name] = (young.Count + 1, young.Bytes + (long)item.Size);
        }

        byType.TryGetValue(name, out var sum);
        byType[name] = (sum.Count + 1, sum.Bytes + (long)item.Size);
        liveBytes += (long)item.Size;
    }

    Console.WriteLine($"live {liveBytes:N0} bytes in {live.Count:N0} objects; dead (not yet collected) {deadBytes:N0} bytes");
    foreach (var (name, sum) in byType.OrderByDescending(p => p.Value.Bytes).Take(top))
    {
        Console.WriteLine($"{sum.Bytes,14:N0} {sum.Count,10:N0}  {name}");
    }

    Console.WriteLine($"live in gen1: {liveGen1.Values.Sum(d => d.Bytes):N0} bytes");
    foreach (var (name, sum) in liveGen1.OrderByDescending(p => p.Value.Bytes).Take(top))
    {
        Console.WriteLine($"{sum.Bytes,14:N0} {sum.Count,10:N0}  {name}");
    }

    Console.WriteLine($"dead in gen2 and the large object heap: {deadOld.Values.Sum(d => d.Bytes):N0} bytes");
    foreach (var (name, sum) in deadOld.OrderByDescending(p => p.Value.Bytes).Take(top))
    {
        Console.WriteLine($"{sum.Bytes,14:N0} {sum.Count,10:N0}  {name}");
    }

    return 0;
}

static int Pauses(string file, double minMs, double fromSeconds, double toSeconds)
{
    using var source = new EventPipeEventSource(file);
    var clr = new ClrTraceEventParser(source);
    DateTime? suspended = null;
    var generation = -1;
    var reason = "";
    var byGeneration = new SortedDictionary<int, List<double>>();
    var promoted = new Dictionary<int, (long Count, double Gen0, double Gen1)>();
    clr.GCStart += e => (generation, reason) = (e.Depth, $"{e.Type} {e.Reason}");

    // After each collection: what survived it out of gen0 and gen1 (what a young collection copies is its cost).
    clr.GCHeapStats += e =>
    {
        var at = e.TimeStampRelativeMSec / 1000;
        if (at < fromSeconds || at > toSeconds)
        {
            return;
        }

        promoted.TryGetValue(generation, out var sum);
        promoted[generation] = (sum.Count + 1, sum.Gen0 + e.TotalPromotedSize0, sum.Gen1 + e.TotalPromotedSize1);
    };
    clr.GCSuspendEEStart += e => suspended = e.TimeStamp;
    clr.GCRestartEEStop += e =>
    {
        if (suspended is not { } start)
        {
            return;
        }

        var ms = (e.TimeStamp - start).TotalMilliseconds;
        suspended = null;
        var at = e.TimeStampRelativeMSec / 1000;
        if (at < fromSeconds || at > toSeconds)
        {
            return;
        }

        if (!byGeneration.TryGetValue(generation, out var pauses))
        {
            byGeneration[generation] = pauses = [];
        }

        pauses.Add(ms);
        if (ms >= minMs)
        {
            Console.WriteLine($"{e.TimeStamp:HH:mm:ss.fff} pause {ms,8:F1} ms gen{generation} {reason}");
        }
    };
    source.Process();

    foreach (var (gen, pauses) in byGeneration)
    {
        pauses.Sort();
        Console.WriteLine($"gen{gen}: {pauses.Count} pauses, p50 {pauses[pauses.Count / 2]:F1} ms, "
            + $"p99 {pauses[(int)(pauses.Count * 0.99)]:F1} ms, max {pauses[^1]:F1} ms, {pauses.Sum():F0} ms in all");
        if (promoted.TryGetValue(gen, out var sum) && sum.Count > 0)
        {
            Console.WriteLine($"  promoted per collection: out of gen0 {sum.Gen0 / sum.Count / 1024:F0} KB, out of gen1 {sum.Gen1 / sum.Count / 1024:F0} KB");
        }
    }

    return 0;
}

static int Events(string file, double fromSeconds, double toSeconds)
{
    using var source = new EventPipeEventSource(file);
    var clr = new ClrTraceEventParser(source);
    clr.All += e =>
    {
        var at = e.TimeStampRelativeMSec / 1000;
        if (at >= fromSeconds && at <= toSeconds && !e.EventName.StartsWith("ThreadPool", StringComparison.Ordinal))
        {
            Console.WriteLine($"{e.TimeStamp:HH:mm:ss.fff} {e.EventName} {string.Join(" ", e.PayloadNames.Take(6).Select(n => $"{n}={e.PayloadByName(n)}"))}");
        }
    };
    source.Process();
    return 0;
}

static int ThreadPoolAdjustments(string file)
{
    using var source = new EventPipeEventSource(file);
    var clr = new ClrTraceEventParser(source);
    var reasons = new Dictionary<string, int>();
    clr.ThreadPoolWorkerThreadAdjustmentAdjustment += e =>
    {
        var reason = e.Reason.ToString();
        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        Console.WriteLine($"{e.TimeStamp:HH:mm:ss.fff} {e.TimeStampRelativeMSec / 1000,8:F1} s  workers -> {e.NewWorkerThreadCount,3}  {reason}");
    };
    source.Process();
    Console.WriteLine(string.Join(", ", reasons.Select(r => $"{r.Key}: {r.Value}")));
    return 0;
}

static int Allocations(string file, int top, double fromSeconds, double toSeconds)
{
    using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(file));
    var byType = new Dictionary<string, long>();
    var byFrame = new Dictionary<string, long>();
    var bySite = new Dictionary<string, long>();
    var perSecond = new SortedDictionary<int, long>();
    long total = 0;
    foreach (var e in log.Events)
    {
        if (e is not GCAllocationTickTraceData tick)
        {
            continue;
        }

        var at = e.TimeStampRelativeMSec / 1000;
        if (at < fromSeconds || at > toSeconds)
        {
            continue;
        }

        var bytes = tick.AllocationAmount64;
        total += bytes;
        Add(byType, tick.TypeName ?? "?", bytes);
        perSecond[(int)at] = perSecond.GetValueOrDefault((int)at) + bytes;

        // The frames nearest the allocation that are not the runtime's own allocation helpers, and the first of ours.
        var frames = new List<string>();
        for (var stack = e.CallStack(); stack is not null; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            if (!string.IsNullOrEmpty(name))
            {
                frames.Add(name);
            }
        }

        var ours = frames.FirstOrDefault(f => f.StartsWith("OrleansCron", StringComparison.Ordinal)) ?? "(none of ours)";
        Add(byFrame, ours, bytes);
        Add(bySite, $"{tick.TypeName} <- {string.Join(" <- ", frames.Take(4))}", bytes);
    }

    Console.WriteLine($"sampled allocations: {total / 1e6:N1} MB");
    Console.WriteLine("MB per second: " + string.Join(' ', perSecond.Select(p => $"{p.Key}:{p.Value / 1e6:F1}")));
    Print("by type", byType);
    Print("by the first frame of ours", byFrame);
    Print("by type and the nearest frames", bySite);
    return 0;

    void Print(string title, Dictionary<string, long> sums)
    {
        Console.WriteLine($"-- {title}");
        foreach (var (name, bytes) in sums.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{bytes / 1e6,9:F1} MB {100.0 * bytes / Math.Max(total, 1),5:F1} %  {name}");
        }
    }

    static void Add(Dictionary<string, long> sums, string key, long bytes) => sums[key] = sums.GetValueOrDefault(key) + bytes;
}
