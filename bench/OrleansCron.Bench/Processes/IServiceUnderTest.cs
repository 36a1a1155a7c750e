namespace OrleansCron.Bench.Processes;

/// <summary>
/// The service as the benchmark sees it: somewhere to send API calls, processes to measure, a database to count
/// rows in. Standalone is <see cref="ServiceHost"/>; cluster mode adds PostgreSQL and its processes here.
/// </summary>
public interface IServiceUnderTest : IAsyncDisposable
{
    Uri BaseAddress { get; }

    /// <summary>A short name for reports.</summary>
    string Mode { get; }

    /// <summary>Every process whose CPU and memory count as the service's (cluster: silo, gateway, PostgreSQL).</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>The SQLite file, for counting rows written.</summary>
    string DatabaseFile { get; }

    /// <summary>When the current process was spawned.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Starts the service and returns once it reports ready.</summary>
    Task StartAsync(TimeSpan timeout);

    /// <summary>Stops it gracefully (SIGTERM), killing it if it takes too long.</summary>
    Task StopAsync();
}
