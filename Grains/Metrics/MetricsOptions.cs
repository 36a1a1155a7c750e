using System.ComponentModel.DataAnnotations;

namespace OrleansCron.Metrics;

/// <summary>Metrics settings, bound from <c>OrleansCron:Metrics</c>.</summary>
internal sealed class MetricsOptions
{
    /// <summary>How often each silo's aggregator sends its buffered outcomes to the metrics grains.
    /// <value>Default 1 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = MetricsDefaults.FlushInterval;

    /// <summary>How long a metrics grain waits after a change before it writes its state, so that a burst of
    /// batches costs one write. State is also written on deactivation, so only a crash (kill -9) can lose the
    /// increments of this last interval; runs themselves are never lost. <value>Default 2 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PersistInterval { get; set; } = MetricsDefaults.PersistInterval;

    /// <summary>How many outcomes an aggregator buffers between flushes; beyond it, new ones are dropped (and counted in a warning).
    /// <value>Default 100,000.</value></summary>
    [Range(1, 10_000_000)]
    public int MaxBufferedOutcomes { get; set; } = MetricsDefaults.MaxBufferedOutcomes;

    /// <summary>The most outcomes sent in one call to a metrics grain; larger batches are split.
    /// <value>Default 5,000.</value></summary>
    [Range(1, 1_000_000)]
    public int MaxBatchSize { get; set; } = MetricsDefaults.MaxBatchSize;
}
