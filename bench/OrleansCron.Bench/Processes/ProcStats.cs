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

    public static ProcStats Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) may hold spaces, so fields are counted after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
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

        return new ProcStats(ticks / TicksPerSecond, hwm * 1024, rss * 1024);
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

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
