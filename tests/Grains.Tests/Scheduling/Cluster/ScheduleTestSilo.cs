using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansCron.Dispatch;
using OrleansCron.Scheduling;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>
/// A one-silo cluster with the real OrleansCron wiring (SQLite storage, run store, reminders) over a data
/// directory that several clusters can share in turn or at once, a fake clock for grains, and a fake dispatcher.
/// Two of them on one directory are two activations of the same schedules racing, as during a failure.
/// </summary>
internal sealed class ScheduleTestSilo : IAsyncDisposable
{
    private ScheduleTestSilo(InProcessTestCluster cluster, FakeDispatcher dispatcher)
    {
        Cluster = cluster;
        Dispatcher = dispatcher;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeDispatcher Dispatcher { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's services (stores, gate, sweep).</summary>
    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    public static async Task<ScheduleTestSilo> StartAsync(string dataDirectory, FakeTimeProvider time, Action<ISiloBuilder>? configure = null)
    {
        var dispatcher = new FakeDispatcher();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrleansCron:DataDirectory"] = dataDirectory,
            })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = OrleansCronSiloBuilderExtensions.DefaultServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOrleansCron(configuration);
            silo.Services.AddSingleton<TimeProvider>(time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<IDispatcher>(dispatcher);
            silo.Services.AddSingleton<IJitterSource>(new FixedJitter());
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ScheduleTestSilo(cluster, dispatcher);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
