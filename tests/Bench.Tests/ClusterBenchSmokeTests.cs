using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Tests;

/// <summary>
/// The smallest scenario 1 in cluster mode (one silo and one gateway on a fresh PostgreSQL database): every due
/// fire in the window arrives, none twice. It needs ORLEANSCRON_TEST_POSTGRES (./test.sh sets it) and fails,
/// saying how to get a server, without it. No timing is asserted.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class ClusterBenchSmokeTests
{
    [Fact]
    public async Task Spread_SmallestScenario1InClusterMode_EveryFireArrivesOnce()
    {
        Assert.False(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ClusterHost.PostgresVariable)), ClusterHost.MissingServerMessage);
        var arguments = new BenchArguments(["1", "--mode", "cluster", "--schedules", "50", "--period", "2", "--duration", "10", "--warmup", "2", "--no-floor"]);
        using var log = new StringWriter();

        var result = await BenchCommand.RunAsync(arguments, log);

        var service = result.Service!;
        Assert.Equal("cluster (PostgreSQL, 1 silo + 1 gateway)", result.Mode);
        Assert.Equal(250, service.Expected);
        Assert.True(service.Observed == service.Expected, $"observed {service.Observed} of {service.Expected}\n{log}");
        Assert.Equal(0, service.Missed);
        Assert.Equal(0, service.Repeated);
        Assert.Equal(0, service.Unexpected);
    }
}
