using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansCron.Bench.Processes;

/// <summary>
/// A .NET program run as <c>dotnet &lt;dll&gt; args</c>, its output kept (and, when asked, appended to a file as it
/// comes, to read after the run), stopped by its own PID only (SIGTERM, then SIGKILL when it does not exit in time).
/// Disposing kills it if it still runs.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Line)> _waiters = [];
    private StreamWriter? _log;

    private ChildProcess(Process process, StreamWriter? log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public DateTimeOffset StartedAt { get; private init; }

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

    public static ChildProcess Start(
        string dll,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? logPath = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var child = new ChildProcess(process, log) { StartedAt = startedAt };
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first output line starting with <paramref name="prefix"/> (also one already printed).</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var seen = _output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (seen is not null)
            {
                return seen.TrimEnd('\r');
            }

            _waiters.Add((prefix, waiter));
        }

        var finished = await Task.WhenAny(waiter.Task, Task.Delay(timeout), _process.WaitForExitAsync());
        return finished == waiter.Task
            ? await waiter.Task
            : throw new InvalidOperationException($"No line '{prefix}' from process {Id} within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="patience"/>.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        if (!await WaitForExitAsync(patience))
        {
            _process.Kill(entireProcessTree: false);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
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
            _log?.WriteLine(line);
            foreach (var waiter in _waiters.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Line.TrySetResult(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
            lock (_output)
            {
                // Output can still arrive while the readers wind down; from now on it is kept in memory only.
                _log?.Dispose();
                _log = null;
            }
        }
    }
}
