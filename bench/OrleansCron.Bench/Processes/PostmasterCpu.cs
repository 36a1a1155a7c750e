using System.Globalization;
using Npgsql;

namespace OrleansCron.Bench.Processes;

/// <summary>
/// The CPU time of a PostgreSQL server on this machine: its postmaster and every process it forks (a backend per
/// connection, the checkpointer, the WAL writer, autovacuum). It is the whole server's, so anything else using
/// the same server during a window counts too.
/// </summary>
public sealed class PostmasterCpu
{
    private PostmasterCpu(int processId) => ProcessId = processId;

    public int ProcessId { get; }

    /// <summary>
    /// Finds the postmaster as the parent of this connection's own backend process, which needs no privilege
    /// (unlike <c>SHOW data_directory</c>). Null when that process is not a PostgreSQL one here: the server runs
    /// on another host or in a container whose process ids mean something else.
    /// </summary>
    public static async Task<PostmasterCpu?> FindAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        try
        {
            if (!IsPostgres(backend))
            {
                return null;
            }

            var postmaster = int.Parse(ProcStats.StatFields(backend)[ProcStats.ParentId], CultureInfo.InvariantCulture);
            return IsPostgres(postmaster) ? new PostmasterCpu(postmaster) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU seconds so far: the postmaster's own, those of its children that have exited (its cutime and cstime,
    /// added when it reaps them) and those of its live children. A child reaped between two reads would count
    /// twice or not at all, so the sum is taken again until the postmaster's reaped total holds still.
    /// </summary>
    public double CpuSeconds()
    {
        for (var attempt = 0; ; attempt++)
        {
            var reaped = ProcStats.Seconds(ProcStats.StatFields(ProcessId), ProcStats.ChildrenUTime, ProcStats.ChildrenSTime);
            var live = LiveChildrenSeconds();
            var own = ProcStats.StatFields(ProcessId);
            if (attempt == 4 || ProcStats.Seconds(own, ProcStats.ChildrenUTime, ProcStats.ChildrenSTime) == reaped)
            {
                return ProcStats.Seconds(own, ProcStats.UTime, ProcStats.STime, ProcStats.ChildrenUTime, ProcStats.ChildrenSTime) + live;
            }
        }
    }

    private double LiveChildrenSeconds()
    {
        var seconds = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var fields = ProcStats.StatFields(pid);
                if (fields[ProcStats.ParentId] == ProcessId.ToString(CultureInfo.InvariantCulture))
                {
                    seconds += ProcStats.Seconds(fields, ProcStats.UTime, ProcStats.STime);
                }
            }
            catch (IOException)
            {
                // Exited since the listing: its time is in the postmaster's reaped total (or will be by the next read).
            }
        }

        return seconds;
    }

    private static bool IsPostgres(int pid) =>
        File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
}
