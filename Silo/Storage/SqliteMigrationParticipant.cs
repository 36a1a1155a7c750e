namespace OrleansCron.Silo.Storage;

/// <summary>Migrates the database at the very first silo lifecycle stage, before the ADO.NET providers
/// (grain storage, reminders) read their queries from <c>OrleansQuery</c>.</summary>
internal sealed class SqliteMigrationParticipant(SqliteDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(SqliteMigrationParticipant),
            ServiceLifecycleStage.First,
            ct => database.EnsureMigratedAsync(ct),
            _ => Task.CompletedTask);
    }
}
