namespace OrleansCron.Silo.Storage;

/// <summary>Migrates the SQLite file at the first silo lifecycle stage.</summary>
internal sealed class SqliteMigrationParticipant(SqliteDatabase database) : MigrationParticipant(database);
