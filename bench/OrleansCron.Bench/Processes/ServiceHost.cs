using Microsoft.Data.Sqlite;

namespace OrleansCron.Bench.Processes;

/// <summary>
/// The system under test as its real process: standalone, the gateway with its co-hosted silo on SQLite, over
/// a data directory that outlives it so it can be restarted on the same state. Cluster mode is
/// <see cref="ClusterHost"/>.
/// </summary>
public sealed class ServiceHost : IServiceUnderTest
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyList<string> _extraArguments;
    private ChildProcess? _process;

    public ServiceHost(string dataDirectory, IReadOnlyList<string> extraArguments)
    {
        _dataDirectory = dataDirectory;
        _extraArguments = extraArguments;
        Directory.CreateDirectory(dataDirectory);
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}");
    }

    public Uri BaseAddress { get; }

    public string Mode => "standalone (SQLite)";

    public IReadOnlyList<int> ProcessIds => _process is null ? [] : [_process.Id];

    public DateTimeOffset StartedAt => _process?.StartedAt ?? DateTimeOffset.MinValue;

    public string Output => _process?.Output ?? string.Empty;

    private string DatabaseFile => Path.Combine(_dataDirectory, "orleanscron.db");

    public async Task StartAsync(TimeSpan timeout)
    {
        string[] arguments =
        [
            "--urls", BaseAddress.ToString().TrimEnd('/'),
            $"--OrleansCron:DataDirectory={_dataDirectory}",
            "--OrleansCron:Dispatch:AllowPrivateNetworks=true",
            "--Logging:LogLevel:Default=Warning",
            .. _extraArguments,
        ];
        _process = ChildProcess.Start(BenchPaths.Gateway, arguments, _dataDirectory, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, Path.Combine(_dataDirectory, "service.log"));
        await HealthProbe.WaitUntilReadyAsync(BaseAddress, _process, "service", timeout);
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(120));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>SQLite runs inside the service process, so its CPU is already the service's.</summary>
    public double? DatabaseCpuSeconds() => null;

    public Task<long> CountRunRowsAsync(long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM oc_runs WHERE scheduled_at >= $from AND scheduled_at < $to";
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <summary>The database file plus its write-ahead log, which holds recent writes until a checkpoint.</summary>
    public Task<long> DataSizeBytesAsync(CancellationToken cancellationToken = default)
    {
        var wal = DatabaseFile + "-wal";
        return Task.FromResult(new FileInfo(DatabaseFile).Length + (File.Exists(wal) ? new FileInfo(wal).Length : 0));
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
