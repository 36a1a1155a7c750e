using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>Run history in the cluster's PostgreSQL database; each batch is one transaction sent as one
/// <c>NpgsqlBatch</c>. Claims from several silos meet at the same unique keys.</summary>
internal sealed class PostgresRunStore(PostgresDatabase database, TimeProvider timeProvider, ILogger<PostgresRunStore> logger)
    : RunStore(database, timeProvider, logger);
