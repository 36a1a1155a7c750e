using System.Net;
using System.Text;
using OrleansCron.Bench.Processes;
using OrleansCron.Bench.Scenarios;

namespace OrleansCron.Bench.Tests;

/// <summary>
/// Scenario 4 raises the rate by creating schedules on a service already firing. When the service refuses a step's
/// creates (a 503 once it is saturated), the climb ends with a result, not an exception that loses the steps that held.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class MaxRateRunnerTests
{
    [Fact]
    public async Task RunAsync_StepRefusedByTheApi_EndsTheClimbWithAResult()
    {
        var work = Directory.CreateTempSubdirectory("oc-bench-test-").FullName;
        await using var sink = await SinkHost.StartAsync(work);
        using var log = new StringWriter();
        var runner = new MaxRateRunner(sink, () => new RefusingService(), log);

        var result = await runner.RunAsync(
            periodSeconds: 1, startRate: 10, stepRate: 10, maxRate: 30, TimeSpan.Zero, TimeSpan.FromSeconds(1), p99LimitMs: 100, concurrency: 2);

        Assert.Equal("none", result.Extra["last_rate_held_per_s"]);
        var step = result.Extra["step_10_per_s"];
        Assert.Contains("refused (POST /api/v1/schedules -> 503)", step, StringComparison.Ordinal);
        Assert.EndsWith("FAILED", step, StringComparison.Ordinal);
        Assert.False(result.Extra.ContainsKey("step_20_per_s"), "the climb went on past a refused step");
    }

    /// <summary>A service that takes a target but answers every schedule create with 503, as a saturated one does.</summary>
    private sealed class RefusingService : IServiceUnderTest
    {
        private readonly HttpListener _listener = new();
        private Task _serving = Task.CompletedTask;

        public Uri BaseAddress { get; } = new($"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}/");

        public string Mode => "refusing";

        public IReadOnlyList<int> ProcessIds => [Environment.ProcessId];

        public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

        public string Output => "";

        public Task StartAsync(TimeSpan timeout)
        {
            _listener.Prefixes.Add(BaseAddress.ToString());
            _listener.Start();
            _serving = ServeAsync();
            return Task.CompletedTask;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }

                var (status, body) = context.Request.Url!.AbsolutePath == "/api/v1/targets"
                    ? (201, """{"id":"target-1"}""")
                    : (503, """{"status":503,"title":"Service unavailable"}""");
                context.Response.StatusCode = status;
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public async Task StopAsync()
        {
            if (_listener.IsListening)
            {
                _listener.Stop();
                await _serving;
            }
        }

        public double? DatabaseCpuSeconds() => null;

        public Task<long> CountRunRowsAsync(long fromMs, long toMs, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public Task<long> DataSizeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _listener.Close();
        }
    }
}
