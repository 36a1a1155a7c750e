using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// Puts the process's garbage collector in <see cref="GCLatencyMode.SustainedLowLatency"/> when the silo starts:
/// generation 2 is then collected in the background, never by a blocking, compacting collection, unless memory runs
/// low. With 100,000 schedules (about 800 MB of live heap on 2 cores) the collector now and then chose such a
/// collection, and every fire waited out its pause, 2.6 s once (measured, benchmark scenario 2); in this mode none was
/// compacting. (A gen2 collection that comes right after the runtime has let its background GC thread go can still
/// do its marking in the pause: 0.77 s once in a 3-minute window. docs/benchmarks.md, session 8.) The price is a heap
/// that is compacted less. Off with <see cref="OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey"/> = false.
/// </summary>
internal sealed partial class GcLatency(IConfiguration configuration, ILogger<GcLatency> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GcLatency), ServiceLifecycleStage.First, _ =>
        {
            Apply();
            return Task.CompletedTask;
        });

    /// <summary>The mode to run in: sustained low latency unless switched off (then the current one).</summary>
    public static GCLatencyMode Choose(IConfiguration configuration, GCLatencyMode current) =>
        configuration.GetValue(OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey, defaultValue: true) ? GCLatencyMode.SustainedLowLatency : current;

    private void Apply()
    {
        var current = GCSettings.LatencyMode;
        var chosen = Choose(configuration, current);
        if (chosen != current)
        {
            // Ignored by the runtime when background collection is off (System.GC.Concurrent=false): logged as it is.
            GCSettings.LatencyMode = chosen;
            LogLatencyMode(logger, GCSettings.LatencyMode);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collector latency mode: {Mode}")]
    private static partial void LogLatencyMode(ILogger logger, GCLatencyMode mode);
}
