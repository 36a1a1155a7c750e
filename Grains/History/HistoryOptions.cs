using System.ComponentModel.DataAnnotations;

namespace OrleansCron.History;

/// <summary>Run history settings, bound from <c>OrleansCron:History</c>.</summary>
internal sealed class HistoryOptions
{
    public const string Section = "OrleansCron:History";

    /// <summary>Final runs are deleted this long after they finished. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the pruner runs. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so pruning never holds the database for long. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int PruneBatchSize { get; set; } = 1_000;
}
