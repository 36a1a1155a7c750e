using OrleansCron.Runs;

namespace OrleansCron.Dispatch;

/// <summary>Where the dispatcher sends outcomes (the schedule grain, in production).</summary>
internal interface IAttemptReporter
{
    Task ReportAsync(string scheduleId, AttemptOutcome outcome);
}
