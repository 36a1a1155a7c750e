using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// Puts the process's garbage collector in <see cref="GCLatencyMode.SustainedLowLatency"/> when the silo starts:
/// generation 2 is then collected in the background, never by a blocking, compacting collection, unless memory runs
/// low. With 100,000 schedules (about 800 MB of live heap on 2 cores) the collector now and then chose such a
/// collection, and every fire waited out its pause, 2.6 s once (measured, benchmark scenario 2); in this mode none was
/// compacting. The price is a heap that is compacted less. Off with
/// <see cref="OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey"/> = false.
/// <para>
/// In this mode it also sees that a gen2 collection runs in the background at least every
/// <see cref="OrleansCronSiloBuilderExtensions.GcBackgroundCollectionSecondsKey"/> seconds (15 by default; 0 turns it
/// off), starting one when none came by itself. The workstation collector lets its background thread go after 20
/// seconds without background work, and the first gen2 collection after that did its marking with every thread
/// stopped: 0.77 and 1.3 s in two 3-minute windows at 100,000 schedules, none in two such windows with this on, the peak
/// RSS 997 against 1,102 MB, for ~6 % more CPU per fire (docs/benchmarks.md, sessions 8 and 10).
/// </para>
/// </summary>
internal sealed partial class GcLatency(IConfiguration configuration, TimeProvider timeProvider, ILogger<GcLatency> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The default of <see cref="OrleansCronSiloBuilderExtensions.GcBackgroundCollectionSecondsKey"/>: under
    /// the runtime's 20 seconds, with room for the collection itself.</summary>
    public const int DefaultBackgroundCollectionSeconds = 15;

    private readonly CancellationTokenSource _stopping = new();
    private Task _keeping = Task.CompletedTask;

    /// <summary>Whether the background collections are being kept up (after start, in sustained low latency).</summary>
    internal bool KeepsBackgroundCollection { get; private set; }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(GcLatency),
            ServiceLifecycleStage.First,
            _ =>
            {
                Apply();
                return Task.CompletedTask;
            },
            _ => StopAsync());

    /// <summary>The mode to run in: sustained low latency unless switched off (then the current one).</summary>
    public static GCLatencyMode Choose(IConfiguration configuration, GCLatencyMode current) =>
        configuration.GetValue(OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey, defaultValue: true) ? GCLatencyMode.SustainedLowLatency : current;

    /// <summary>The longest spell without a gen2 collection; zero for no such limit.</summary>
    public static TimeSpan BackgroundCollectionInterval(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(OrleansCronSiloBuilderExtensions.GcBackgroundCollectionSecondsKey, DefaultBackgroundCollectionSeconds)));

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

        var interval = BackgroundCollectionInterval(configuration);
        if (GCSettings.LatencyMode == GCLatencyMode.SustainedLowLatency && interval > TimeSpan.Zero && !KeepsBackgroundCollection)
        {
            KeepsBackgroundCollection = true;
            LogBackgroundCollection(logger, interval.TotalSeconds);
            using (ExecutionContext.IsFlowSuppressed() ? (AsyncFlowControl?)null : ExecutionContext.SuppressFlow())
            {
                _keeping = KeepBackgroundCollectionAsync(new PeriodicTimer(interval, timeProvider), _stopping.Token);
            }
        }
    }

    private async Task KeepBackgroundCollectionAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var owned = timer;
        var seen = GC.CollectionCount(2);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (GC.CollectionCount(2) == seen)
                {
                    // Non-blocking: with background collection on, this starts one and returns at once.
                    GC.Collect(2, GCCollectionMode.Forced, blocking: false);
                }

                seen = GC.CollectionCount(2);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _keeping.ConfigureAwait(false);
        KeepsBackgroundCollection = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collector latency mode: {Mode}")]
    private static partial void LogLatencyMode(ILogger logger, GCLatencyMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "A gen2 collection runs in the background at least every {Seconds} s")]
    private static partial void LogBackgroundCollection(ILogger logger, double seconds);
}
