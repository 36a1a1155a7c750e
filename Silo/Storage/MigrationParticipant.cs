namespace OrleansCron.Silo.Storage;

/// <summary>Migrates a database at the very first silo lifecycle stage, before the ADO.NET providers (clustering,
/// grain storage, reminders) read their queries from <c>OrleansQuery</c>.</summary>
internal abstract class MigrationParticipant(StoreDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            GetType().Name,
            ServiceLifecycleStage.First,
            ct => database.EnsureMigratedAsync(ct),
            _ => Task.CompletedTask);
    }
}
