using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

internal sealed partial class Migrator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Engine} migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, string engine, int version, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Engine} database busy during migration (try {Attempt}): {Reason}")]
    private static partial void LogBusy(ILogger logger, string engine, int attempt, string reason);
}
