using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Dispatch;

/// <summary>Reports an attempt to its schedule grain, as a message (the grain may live on another silo).</summary>
internal sealed class GrainAttemptReporter(IGrainFactory grainFactory) : IAttemptReporter
{
    public Task ReportAsync(string scheduleId, AttemptOutcome outcome) =>
        grainFactory.GetGrain<IScheduleGrain>(scheduleId).CompleteAttemptAsync(outcome);
}
