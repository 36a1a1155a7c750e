using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>Run history on the standalone SQLite file (WAL: readers do not block the writer).</summary>
internal sealed class SqliteRunStore(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteRunStore> logger)
    : RunStore(database, timeProvider, logger);
