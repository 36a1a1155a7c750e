using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
        Assert.Equal(expected, GcLatency.Choose(Configuration(sustained: setting), current));
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
        var participant = new GcLatency(builder.Configuration, TimeProvider.System, NullLogger<GcLatency>.Instance);
        var previous = GCSettings.LatencyMode;
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.Interactive;
            var lifecycle = new TestLifecycle();
            participant.Participate(lifecycle);
            await lifecycle.StartAsync();
            await lifecycle.StopAsync();

            Assert.Equal(GCLatencyMode.SustainedLowLatency, GCSettings.LatencyMode);
        }
        finally
        {
            GCSettings.LatencyMode = previous;
        }
    }

    [Fact]
    public async Task SpellWithoutGen2_StartsOneInTheBackground_UntilStopped()
    {
        var time = new FakeTimeProvider();
        var participant = new GcLatency(Configuration(), time, NullLogger<GcLatency>.Instance);
        var previous = GCSettings.LatencyMode;
        var lifecycle = new TestLifecycle();
        participant.Participate(lifecycle);
        try
        {
            await lifecycle.StartAsync();
            var before = GC.CollectionCount(2);
            var keeping = participant.KeepsBackgroundCollection;

            // A spell without gen2 collections (most likely: the loop counts any, and only starts one if none came).
            time.Advance(TimeSpan.FromSeconds(GcLatency.DefaultBackgroundCollectionSeconds));
            var started = Stopwatch.StartNew();
            while (GC.CollectionCount(2) == before && started.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(20);
            }

            var after = GC.CollectionCount(2);
            await lifecycle.StopAsync();

            Assert.True(keeping);
            Assert.True(after > before, "no gen2 collection within 20 s of the spell's end");
            Assert.False(participant.KeepsBackgroundCollection);
        }
        finally
        {
            GCSettings.LatencyMode = previous;
        }
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData(null, "false")]
    public async Task BackgroundCollection_IsOff_WhenSetToZeroOrWithoutSustainedLowLatency(string? seconds, string? sustained)
    {
        var previous = GCSettings.LatencyMode;
        var participant = new GcLatency(Configuration(seconds, sustained), new FakeTimeProvider(), NullLogger<GcLatency>.Instance);
        var lifecycle = new TestLifecycle();
        participant.Participate(lifecycle);
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.Interactive;
            await lifecycle.StartAsync();

            Assert.False(participant.KeepsBackgroundCollection);
        }
        finally
        {
            await lifecycle.StopAsync();
            GCSettings.LatencyMode = previous;
        }
    }

    [Theory]
    [InlineData(null, 15)]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    [InlineData("-5", 0)]
    public void BackgroundCollectionInterval_FollowsTheSetting(string? setting, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), GcLatency.BackgroundCollectionInterval(Configuration(setting)));
    }

    private static IConfiguration Configuration(string? backgroundSeconds = null, string? sustained = null)
    {
        var values = new Dictionary<string, string?>();
        if (backgroundSeconds is not null)
        {
            values[OrleansCronSiloBuilderExtensions.GcBackgroundCollectionSecondsKey] = backgroundSeconds;
        }

        if (sustained is not null)
        {
            values[OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey] = sustained;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class TestLifecycle : ISiloLifecycle
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

        public async Task StopAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStop(CancellationToken.None);
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
