using Microsoft.Extensions.Logging;

namespace OrleansCron.Targets;

internal sealed partial class TargetGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Target {TargetId} deleted with {ScheduleCount} schedule(s)")]
    private static partial void LogTargetDeleted(ILogger logger, string targetId, int scheduleCount);
}
