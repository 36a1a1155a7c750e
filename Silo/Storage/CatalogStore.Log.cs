using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

internal abstract partial class CatalogStore
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing next-fire instants to the catalog failed; they are retried on the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
