using System.Globalization;

namespace OrleansCron.Bench.Processes;

/// <summary>CPU time and memory of a running process, from Linux's /proc.</summary>
/// <param name="CpuSeconds">User plus system CPU seconds so far (utime + stime of /proc/pid/stat).</param>
/// <param name="PeakRssBytes">Peak resident set size (VmHWM of /proc/pid/status).</param>
/// <param name="RssBytes">Current resident set size (VmRSS).</param>
public sealed record ProcStats(double CpuSeconds, long PeakRssBytes, long RssBytes)
{
    /// <summary>Clock ticks per second of utime and stime: USER_HZ, 100 on every mainstream Linux build.</summary>
    private const double TicksPerSecond = 100;

    internal const int ParentId = 1;
    internal const int UTime = 11;
    internal const int STime = 12;
    internal const int ChildrenUTime = 13;
    internal const int ChildrenSTime = 14;

    public static ProcStats Read(int pid)
    {
        var cpu = Seconds(StatFields(pid), UTime, STime);
        long hwm = 0;
        long rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
        }

        return new ProcStats(cpu, hwm * 1024, rss * 1024);
    }

    /// <summary>The sum over several processes (peak RSS too: each peak is its own process's).</summary>
    public static ProcStats ReadAll(IEnumerable<int> pids) =>
        pids.Select(Read).Aggregate(new ProcStats(0, 0, 0), (a, b) => new ProcStats(a.CpuSeconds + b.CpuSeconds, a.PeakRssBytes + b.PeakRssBytes, a.RssBytes + b.RssBytes));

    /// <summary>As <see cref="Read"/>, or null when the process is gone.</summary>
    public static ProcStats? TryRead(int pid)
    {
        try
        {
            return Read(pid);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The fields of /proc/pid/stat after the command name: field n of proc(5) is at index n - 3 (state at 0, ppid
    /// at 1, utime at 11, stime at 12, cutime at 13, cstime at 14).
    /// </summary>
    internal static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) may hold spaces, so fields are counted after its closing parenthesis.
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    /// <summary>The sum of the given clock-tick fields of <see cref="StatFields"/>, in seconds.</summary>
    internal static double Seconds(string[] fields, params ReadOnlySpan<int> indexes)
    {
        long ticks = 0;
        foreach (var index in indexes)
        {
            ticks += long.Parse(fields[index], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
