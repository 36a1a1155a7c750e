using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCron.Metrics;
using OrleansCron.Storage;

namespace OrleansCron.Tests.Metrics;

/// <summary>One in-process silo with (fault-injecting) memory storage, the metrics services, and grains on a fake clock (the runtime's
/// own background work stays on real time).</summary>
public sealed class MetricsClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 30, TimeSpan.Zero);

    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(5);

    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    internal IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    internal MetricsAggregator Aggregator => SiloServices.GetRequiredService<MetricsAggregator>();

    internal IGrainStorage Storage => SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainStorage);

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrleansCron:Metrics:FlushInterval"] = "00:00:01",
                ["OrleansCron:Metrics:PersistInterval"] = PersistInterval.ToString(),
            })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Memory storage that tests can make fail on demand (IStorageFaultGrain keyed by the state name).
            silo.AddFaultInjectionMemoryStorage(
                StorageNames.GrainStorage,
                configureOptions: _ => { },
                configureFaultInjectionOptions: o => o.Latency = TimeSpan.Zero);
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddOrleansCronMetrics(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
