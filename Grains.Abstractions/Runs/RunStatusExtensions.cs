namespace OrleansCron.Runs;

/// <summary>Facts about run statuses.</summary>
public static class RunStatusExtensions
{
    /// <summary>True when the run will not change any more.</summary>
    public static bool IsFinal(this RunStatus status) => status is not (RunStatus.Pending or RunStatus.Running);
}
