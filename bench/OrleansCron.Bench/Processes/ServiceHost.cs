using System.Net;
using System.Net.Sockets;

namespace OrleansCron.Bench.Processes;

/// <summary>
/// The system under test as its real process: standalone, the gateway with its co-hosted silo on SQLite, over
/// a data directory that outlives it so it can be restarted on the same state. Cluster mode (PostgreSQL, one
/// silo and one gateway) will be another implementation of <see cref="IServiceUnderTest"/>.
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
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string Mode => "standalone (SQLite)";

    public IReadOnlyList<int> ProcessIds => _process is null ? [] : [_process.Id];

    public string DatabaseFile => Path.Combine(_dataDirectory, "orleanscron.db");

    public DateTimeOffset StartedAt => _process?.StartedAt ?? DateTimeOffset.MinValue;

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
        _process = ChildProcess.Start(BenchPaths.Gateway, arguments, _dataDirectory, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited:\n{_process.Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds:0} s:\n{_process.Output}");
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

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
