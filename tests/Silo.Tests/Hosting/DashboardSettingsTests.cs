using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Hosting;

public sealed class DashboardSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oc-dashboard-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(null, 5000)]
    [InlineData("1", 1000)]
    [InlineData("30", 30000)]
    [InlineData("0", 1000)]
    public void AddOrleansCron_CounterSeconds_SetTheDashboardsSampleInterval(string? seconds, int expectedMilliseconds)
    {
        using var host = BuildSilo(seconds);

        Assert.Equal(expectedMilliseconds, host.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.CounterUpdateIntervalMs);
    }

    [Theory]
    [InlineData(null, 5000)]
    [InlineData("30", 30000)]
    public void AddOrleansCron_CounterSeconds_AlsoSetTheDashboardsTelemetryReaderInterval(string? seconds, int expectedMilliseconds)
    {
        using var host = BuildSilo(seconds);

        // Pinned to the dashboard this was written for: a version without the property fails here, not silently.
        var (hostType, interval) = DashboardExportInterval.Find() ?? throw new InvalidOperationException("The dashboard's host has no export interval.");
        var dashboardHost = host.Services.GetRequiredService(hostType);
        Assert.Equal(expectedMilliseconds, interval.GetValue(dashboardHost));
    }

    [Fact]
    public void TrySet_WithoutTheDashboard_ChangesNothing()
    {
        var services = new ServiceCollection();

        Assert.False(DashboardExportInterval.TrySet(services, 5000));
        Assert.Empty(services);
    }

    // A standalone silo's services, built but not started, with the counter seconds given (or the default).
    private IHost BuildSilo(string? seconds)
    {
        var args = new List<string> { $"--OrleansCron:DataDirectory={_directory}" };
        if (seconds is not null)
        {
            args.Add($"--{OrleansCronSiloBuilderExtensions.DashboardCounterSecondsKey}={seconds}");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. args], ContentRootPath = AppContext.BaseDirectory });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddOrleansCron(builder.Configuration));
        return builder.Build();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
