namespace OrleansCron.Scheduling;

/// <summary>What to do with an occurrence that comes due, given the runs still going.</summary>
internal enum OverlapDecision
{
    /// <summary>Send it now.</summary>
    Fire = 0,
    /// <summary>Record it as skipped and send nothing.</summary>
    Skip = 1,
    /// <summary>Claim it as pending and send it when the running one ends.</summary>
    Buffer = 2,
    /// <summary>Claim it as pending behind the late fires still queued after a stall (the schedule is catching up),
    /// to be sent in order after them.</summary>
    JoinBacklog = 3,
}
