namespace OrleansCron.Bench.Processes;

/// <summary>
/// The system under test in cluster mode: one silo process and one gateway process (an Orleans client) on a
/// fresh PostgreSQL database of their own, which outlives them so they can be restarted on the same state, and
/// is dropped when this is disposed. PostgreSQL's CPU is measured apart from theirs.
/// </summary>
public sealed class ClusterHost : IServiceUnderTest
{
    /// <summary>The environment variable holding the admin connection string when <c>--postgres</c> is not given.</summary>
    public const string PostgresVariable = "ORLEANSCRON_TEST_POSTGRES";

    public const string MissingServerMessage =
        $"Cluster mode needs a PostgreSQL server: pass --postgres \"<admin connection string>\" or set {PostgresVariable}. " +
        "From the repository root, as root, eval \"$(bash .ci/postgres.sh)\" installs and starts a throwaway PostgreSQL on 127.0.0.1 and exports that variable.";

    private static readonly Dictionary<string, string> ProductionEnvironment = new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
    private readonly string _adminConnectionString;
    private readonly string _workDirectory;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly Uri _siloHealth;
    private readonly int _siloPort;
    private readonly int _siloGatewayPort;
    private PostgresDatabase? _database;
    private PostmasterCpu? _postmaster;
    private ChildProcess? _silo;
    private ChildProcess? _gateway;

    public ClusterHost(string adminConnectionString, string workDirectory, IReadOnlyList<string> extraArguments)
    {
        _adminConnectionString = adminConnectionString;
        _workDirectory = workDirectory;
        _extraArguments = extraArguments;
        Directory.CreateDirectory(workDirectory);

        // Fixed for the host's life, so a restart comes back at the same addresses.
        var ports = LoopbackPorts.Free(4);
        BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        _siloHealth = new Uri($"http://127.0.0.1:{ports[1]}");
        _siloPort = ports[2];
        _siloGatewayPort = ports[3];
    }

    public Uri BaseAddress { get; }

    public string Mode => "cluster (PostgreSQL, 1 silo + 1 gateway)";

    public IReadOnlyList<int> ProcessIds => [.. new[] { _silo, _gateway }.OfType<ChildProcess>().Select(p => p.Id)];

    public string Output => $"-- silo --\n{_silo?.Output}\n-- gateway --\n{_gateway?.Output}";

    public DateTimeOffset StartedAt => _silo?.StartedAt ?? DateTimeOffset.MinValue;

    /// <summary>
    /// Creates the database on the first start, then starts the silo and waits until it is an active member
    /// (its own /health/ready), then the gateway, which is ready once it reaches the silo.
    /// </summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        _database ??= await PostgresDatabase.CreateAsync(_adminConnectionString);
        _postmaster ??= await PostmasterCpu.FindAsync(_adminConnectionString);
        string[] cluster =
        [
            "--OrleansCron:Mode=cluster",
            $"--OrleansCron:Postgres:ConnectionString={_database.ConnectionString}",
            "--Logging:LogLevel:Default=Warning",
        ];
        string[] silo =
        [
            "--urls", _siloHealth.ToString().TrimEnd('/'),
            .. cluster,
            $"--OrleansCron:Cluster:SiloPort={_siloPort}",
            $"--OrleansCron:Cluster:GatewayPort={_siloGatewayPort}",
            "--OrleansCron:Dispatch:AllowPrivateNetworks=true",
            .. _extraArguments,
        ];
        _silo = ChildProcess.Start(BenchPaths.Silo, silo, _workDirectory, ProductionEnvironment, Path.Combine(_workDirectory, "silo.log"));
        await HealthProbe.WaitUntilReadyAsync(_siloHealth, _silo, "silo", deadline - DateTimeOffset.UtcNow);

        string[] gateway = ["--urls", BaseAddress.ToString().TrimEnd('/'), .. cluster, .. _extraArguments];
        _gateway = ChildProcess.Start(BenchPaths.Gateway, gateway, _workDirectory, ProductionEnvironment, Path.Combine(_workDirectory, "gateway.log"));
        await HealthProbe.WaitUntilReadyAsync(BaseAddress, _gateway, "gateway", deadline - DateTimeOffset.UtcNow);
    }

    /// <summary>The gateway first, so no API call reaches a silo that is shutting down.</summary>
    public async Task StopAsync()
    {
        await StopProcessAsync(_gateway);
        _gateway = null;
        await StopProcessAsync(_silo);
        _silo = null;
    }

    public double? DatabaseCpuSeconds() => _postmaster?.CpuSeconds();

    public Task<long> CountRunRowsAsync(long fromMs, long toMs, CancellationToken cancellationToken = default) =>
        Database.CountRunRowsAsync(fromMs, toMs, cancellationToken);

    public Task<long> DataSizeBytesAsync(CancellationToken cancellationToken = default) => Database.SizeBytesAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    private PostgresDatabase Database => _database ?? throw new InvalidOperationException("The cluster has not been started.");

    private static async Task StopProcessAsync(ChildProcess? process)
    {
        if (process is not null)
        {
            await process.StopAsync(TimeSpan.FromSeconds(120));
            await process.DisposeAsync();
        }
    }
}
