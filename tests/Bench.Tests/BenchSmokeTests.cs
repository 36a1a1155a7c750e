namespace OrleansCron.Bench.Tests;

/// <summary>
/// The smallest scenario 1 through the benchmark's own code, against the real service process: every due fire
/// in the window arrives, none twice. No timing is asserted: CI machines are noisy.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Spread_SmallestScenario1_EveryFireArrivesOnce()
    {
        var arguments = new BenchArguments(["1", "--schedules", "50", "--period", "2", "--duration", "10", "--warmup", "2", "--no-floor"]);
        using var log = new StringWriter();

        var result = await BenchCommand.RunAsync(arguments, log);

        var service = result.Service!;
        Assert.Equal(250, service.Expected);
        Assert.True(service.Observed == service.Expected, $"observed {service.Observed} of {service.Expected}\n{log}");
        Assert.Equal(0, service.Missed);
        Assert.Equal(0, service.Repeated);
        Assert.Equal(0, service.Unexpected);
    }
}
