using Microsoft.Extensions.Logging;

namespace OrleansCron.Metrics;

internal sealed partial class MetricsAggregator
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Dropped} run outcomes: {Limit} were already waiting for a flush")]
    private static partial void LogOutcomesDropped(ILogger logger, long dropped, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} run outcomes to metrics {GrainKey} failed (retry: {IsRetry})")]
    private static partial void LogSendFailed(ILogger logger, string grainKey, int count, bool isRetry, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} run outcomes for metrics {GrainKey} after a failed retry")]
    private static partial void LogBatchDropped(ILogger logger, string grainKey, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Metrics flush failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
