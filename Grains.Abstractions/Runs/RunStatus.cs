namespace OrleansCron.Runs;

/// <summary>Where a run stands.</summary>
public enum RunStatus
{
    /// <summary>Claimed and waiting (buffered by the overlap policy); nothing sent yet.</summary>
    Pending = 1,
    /// <summary>An attempt is in flight, or a retry is waiting.</summary>
    Running = 2,
    /// <summary>An attempt succeeded.</summary>
    Succeeded = 3,
    /// <summary>Every attempt failed, or the failure was not retryable.</summary>
    Failed = 4,
    /// <summary>Not sent: a run was still going (overlap policy).</summary>
    Skipped = 5,
    /// <summary>Not sent: missed while the service was down (misfire policy).</summary>
    Missed = 6,
    /// <summary>Cut off by a crash and not fired again.</summary>
    Interrupted = 7,
}
