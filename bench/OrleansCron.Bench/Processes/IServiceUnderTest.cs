namespace OrleansCron.Bench.Processes;

/// <summary>
/// The service as the benchmark sees it: somewhere to send API calls, processes to measure, a database to count
/// rows in. Standalone is <see cref="ServiceHost"/> (SQLite), cluster mode <see cref="ClusterHost"/> (PostgreSQL).
/// </summary>
public interface IServiceUnderTest : IAsyncDisposable
{
    Uri BaseAddress { get; }

    /// <summary>A short name for reports.</summary>
    string Mode { get; }

    /// <summary>The service's own processes, whose CPU and memory count as the service's (cluster: silo and gateway).</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>When the current process (cluster: the silo, started first) was spawned.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>What the service's processes have printed so far (standard output and error).</summary>
    string Output { get; }

    /// <summary>Starts the service and returns once it reports ready.</summary>
    Task StartAsync(TimeSpan timeout);

    /// <summary>Stops it gracefully (SIGTERM), killing it if it takes too long.</summary>
    Task StopAsync();

    /// <summary>
    /// CPU seconds used so far by a database server running in processes of its own, reported apart from the
    /// service's; null when there is none (SQLite runs inside the service) or its processes are out of sight.
    /// </summary>
    double? DatabaseCpuSeconds();

    /// <summary>Run rows (each an occurrence's claim, later updated with its outcome) for instants in [from, to), Unix ms.</summary>
    Task<long> CountRunRowsAsync(long fromMs, long toMs, CancellationToken cancellationToken = default);

    /// <summary>The bytes the service's data takes in its database.</summary>
    Task<long> DataSizeBytesAsync(CancellationToken cancellationToken = default);
}
