namespace OrleansCron.Metrics;

/// <summary>Defaults of <see cref="MetricsOptions"/>.</summary>
internal static class MetricsDefaults
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "OrleansCron:Metrics";

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(2);

    public const int MaxBufferedOutcomes = 100_000;

    public const int MaxBatchSize = 5_000;
}
