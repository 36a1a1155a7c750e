using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>The catalog projection on the standalone SQLite file.</summary>
internal sealed class SqliteCatalogStore(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteCatalogStore> logger)
    : CatalogStore(database, timeProvider, logger);
