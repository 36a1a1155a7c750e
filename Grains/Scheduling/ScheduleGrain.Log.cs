using Microsoft.Extensions.Logging;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class ScheduleGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} created ({Kind}, target {TargetId})")]
    private static partial void LogScheduleCreated(ILogger logger, string scheduleId, ScheduleKind kind, string targetId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} deleted")]
    private static partial void LogScheduleDeleted(ILogger logger, string scheduleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} completed: no instants left")]
    private static partial void LogScheduleCompleted(ILogger logger, string scheduleId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {ScheduleId}: the silo is stopping; its completion is left for the restart ({Error})")]
    private static partial void LogCompletionLeftForRestart(ILogger logger, string scheduleId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {ScheduleId} has a stored definition that no longer validates ({Field}: {Error}); it will not fire")]
    private static partial void LogInvalidStoredSpec(ILogger logger, string scheduleId, string field, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: {Count} missed occurrences were too old to record one by one")]
    private static partial void LogUnrecordedMisses(ILogger logger, string scheduleId, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: evaluating due occurrences failed; trying again in 1 s")]
    private static partial void LogEvaluateFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: aiming its reminder at the next instant failed; it stays in memory until then")]
    private static partial void LogReminderAimFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {ScheduleId}: ignored a stale report for occurrence {Occurrence}")]
    private static partial void LogStaleReport(ILogger logger, string scheduleId, long occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {ScheduleId}: occurrence {Occurrence} attempt {Attempt} in {DelayMs} ms")]
    private static partial void LogRetryScheduled(ILogger logger, string scheduleId, long occurrence, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId}: stopped {Count} unsent run(s) because {Reason}")]
    private static partial void LogUnsentWorkStopped(ILogger logger, string scheduleId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: occurrence {Occurrence} was cut off by a crash; firing it again under the same idempotency key")]
    private static partial void LogInterruptedRefire(ILogger logger, string scheduleId, long occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: occurrence {Occurrence} moved on under another activation; this one lets it go ({From} -> {To} not written)")]
    private static partial void LogRunLost(ILogger logger, string scheduleId, long occurrence, RunStatus from, RunStatus to);
}
