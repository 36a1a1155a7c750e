namespace OrleansCron.Storage;

/// <summary>Stable names of what is stored. Never rename one: stored rows are keyed by them.</summary>
internal static class StorageNames
{
    /// <summary>The grain storage provider that holds every grain's persistent state.</summary>
    public const string GrainStorage = "orleanscron";

    /// <summary>State name of <c>ScheduleGrain</c>.</summary>
    public const string ScheduleState = "schedule";

    /// <summary>State name of <c>TargetGrain</c>.</summary>
    public const string TargetState = "target";

    /// <summary>State name of <c>MetricsGrain</c>.</summary>
    public const string MetricsState = "metrics";
}
