namespace OrleansCron.Metrics;

/// <summary>One slot of a <see cref="RollingWindow"/>: what happened during one period.</summary>
[GenerateSerializer, Alias("oc.MetricsSlot")]
internal sealed class MetricsSlot
{
    /// <summary>The period this slot counts (see <see cref="WindowShape.PeriodOf"/>).</summary>
    [Id(0)]
    public long Period { get; set; }

    [Id(1)]
    public MetricsCounters Counters { get; set; } = new();
}
