using Microsoft.Extensions.Logging;

namespace OrleansCron.Metrics;

internal sealed partial class MetricsGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of {Scope} not written; retrying in {RetryIn}")]
    private static partial void LogPersistFailed(ILogger logger, string scope, TimeSpan retryIn, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Metrics of {Scope} were written by another activation; this one stops writing and deactivates")]
    private static partial void LogSuperseded(ILogger logger, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of {Scope} not written on deactivation; the latest changes are lost")]
    private static partial void LogDeactivationWriteFailed(ILogger logger, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of {Scope} not cleared in storage; the empty state will be written later")]
    private static partial void LogClearFailed(ILogger logger, string scope, Exception exception);
}
