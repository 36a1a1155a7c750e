namespace OrleansCron.Silo.Storage;

/// <summary>Migrates the PostgreSQL database at the first silo lifecycle stage.</summary>
internal sealed class PostgresMigrationParticipant(PostgresDatabase database) : MigrationParticipant(database);
