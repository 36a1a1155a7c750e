using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansCron.Tests.Infrastructure;

/// <summary>
/// A real OrleansCron process on loopback (the standalone service, or a cluster silo or gateway), over state that
/// outlives it, so a test can stop, kill and restart it on the same data.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly string _workingDirectory;
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServiceProcess(string assembly, string workingDirectory, IEnumerable<string> arguments)
    {
        _assembly = assembly;
        _workingDirectory = workingDirectory;
        Port = FreePort();
        _arguments = [.. arguments, "--urls", $"http://127.0.0.1:{Port}"];
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The standalone service (gateway with a co-hosted silo) over <paramref name="dataDirectory"/>.</summary>
    public ServiceProcess(string dataDirectory, params string[] extraArguments)
        : this("OrleansCron.Gateway.dll", dataDirectory, [$"--OrleansCron:DataDirectory={dataDirectory}", "--OrleansCron:Dispatch:AllowPrivateNetworks=true", .. extraArguments])
    {
    }

    /// <summary>One silo of a cluster on PostgreSQL, with free silo and gateway ports.</summary>
    public static ServiceProcess ClusterSilo(string connectionString, string workingDirectory, params string[] extraArguments) =>
        new("OrleansCron.Silo.dll", workingDirectory,
        [
            "--OrleansCron:Mode=cluster",
            $"--OrleansCron:Postgres:ConnectionString={connectionString}",
            $"--OrleansCron:Cluster:SiloPort={FreePort()}",
            $"--OrleansCron:Cluster:GatewayPort={FreePort()}",
            "--OrleansCron:Dispatch:AllowPrivateNetworks=true",
            .. extraArguments,
        ]);

    /// <summary>A gateway of a cluster on PostgreSQL: an Orleans client, no silo.</summary>
    public static ServiceProcess ClusterGateway(string connectionString, string workingDirectory) =>
        new("OrleansCron.Gateway.dll", workingDirectory,
        [
            "--OrleansCron:Mode=cluster",
            $"--OrleansCron:Postgres:ConnectionString={connectionString}",
        ]);

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ProcessId => _process?.Id;

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, _assembly));
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Asks the service to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Kills the service at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // Ports come from a counter below the kernel's ephemeral range, so two picks in one test run never collide (an
    // OS-picked free port is released before its process binds it, and the next pick may return it again).
    private static int _nextPort = 20_000 + Random.Shared.Next(0, 5_000);

    private static int FreePort()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _nextPort);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process?.Dispose();
            Client.Dispose();
        }
    }
}
