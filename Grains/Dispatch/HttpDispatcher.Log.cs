using Microsoft.Extensions.Logging;
using OrleansCron.Runs;

namespace OrleansCron.Dispatch;

internal sealed partial class HttpDispatcher
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Attempt {Attempt} of {ScheduleId} occurrence {Occurrence} sent: status {StatusCode}, {ErrorClass}, {DurationMs} ms")]
    private static partial void LogSent(ILogger logger, string scheduleId, long occurrence, int attempt, int? statusCode, ErrorClass errorClass, double durationMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dispatch {DispatchId} of {ScheduleId} occurrence {Occurrence} cancelled before sending")]
    private static partial void LogCancelled(ILogger logger, string scheduleId, long occurrence, Guid dispatchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch {DispatchId} of {ScheduleId} occurrence {Occurrence} is already queued; the duplicate is ignored")]
    private static partial void LogDuplicate(ILogger logger, string scheduleId, long occurrence, Guid dispatchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch {DispatchId} of {ScheduleId} occurrence {Occurrence} dropped: the dispatcher is stopping")]
    private static partial void LogDroppedAfterStop(ILogger logger, string scheduleId, long occurrence, Guid dispatchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of {ScheduleId} occurrence {Occurrence} abandoned: the dispatcher is stopping")]
    private static partial void LogAbandoned(ILogger logger, string scheduleId, long occurrence, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting {ScheduleId} occurrence {Occurrence} failed (try {Try}); trying again in {DelayMs} ms")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, string scheduleId, long occurrence, int @try, double delayMs);
}
