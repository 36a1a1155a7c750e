using OrleansCron.Runs;

namespace OrleansCron.Scheduling;

/// <summary>A run of this schedule that is not final yet, as the grain tracks it in memory.</summary>
internal sealed class ActiveRun(RunRecord record)
{
    public RunRecord Record { get; set; } = record;

    /// <summary>The outstanding attempt's dispatch id; empty while a retry waits.</summary>
    public Guid DispatchId { get; set; }

    /// <summary>Claimed by an earlier activation in this process: its report carries a dispatch id this
    /// activation never saw, and is accepted anyway.</summary>
    public bool Adopted { get; set; }

    public IGrainTimer? RetryTimer { get; set; }

    public long Occurrence => Record.Occurrence;
}
