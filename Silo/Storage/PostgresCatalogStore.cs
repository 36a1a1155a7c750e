using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>The catalog projection in the cluster's PostgreSQL database.</summary>
internal sealed class PostgresCatalogStore(PostgresDatabase database, TimeProvider timeProvider, ILogger<PostgresCatalogStore> logger)
    : CatalogStore(database, timeProvider, logger);
