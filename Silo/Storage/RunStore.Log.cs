using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

internal abstract partial class RunStore
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Run batch of {Requests} requests ({Rows} rows) failed; every caller in it is failed")]
    private static partial void LogBatchFailed(ILogger logger, int requests, int rows, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} runs finished before {FinishedBefore}")]
    private static partial void LogPruned(ILogger logger, int count, DateTimeOffset finishedBefore);
}
