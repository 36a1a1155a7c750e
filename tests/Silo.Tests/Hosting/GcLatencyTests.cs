using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Hosting;

public sealed class GcLatencyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oc-gc-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(null, GCLatencyMode.Interactive, GCLatencyMode.SustainedLowLatency)]
    [InlineData("true", GCLatencyMode.Interactive, GCLatencyMode.SustainedLowLatency)]
    [InlineData("false", GCLatencyMode.Interactive, GCLatencyMode.Interactive)]
    [InlineData("false", GCLatencyMode.Batch, GCLatencyMode.Batch)]
    public void Choose_FollowsTheSetting(string? setting, GCLatencyMode current, GCLatencyMode expected)
    {
        var values = new Dictionary<string, string?>();
        if (setting is not null)
        {
            values[OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey] = setting;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Assert.Equal(expected, GcLatency.Choose(configuration, current));
    }

    [Fact]
    public async Task SiloStart_ByDefault_SetsSustainedLowLatency()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--OrleansCron:DataDirectory={_directory}"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.UseOrleans(silo => silo.AddOrleansCron(builder.Configuration));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && d.ImplementationType == typeof(GcLatency));
        var participant = new GcLatency(builder.Configuration, NullLogger<GcLatency>.Instance);
        var previous = GCSettings.LatencyMode;
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.Interactive;
            var lifecycle = new StartOnlyLifecycle();
            participant.Participate(lifecycle);
            await lifecycle.StartAsync();

            Assert.Equal(GCLatencyMode.SustainedLowLatency, GCSettings.LatencyMode);
        }
        finally
        {
            GCSettings.LatencyMode = previous;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class StartOnlyLifecycle : ISiloLifecycle
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => 0;

        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return NullDisposable.Instance;
        }

        public async Task StartAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStart(CancellationToken.None);
            }
        }
    }

    private sealed class NullDisposable : IDisposable
    {
        public static readonly NullDisposable Instance = new();

        public void Dispose()
        {
        }
    }
}
