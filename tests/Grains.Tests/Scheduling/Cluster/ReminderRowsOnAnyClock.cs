using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>
/// Puts back the reminder range queries that read every row, for a test silo whose reminders run on a fake clock.
/// The silo's own queries read only the rows due near the database's clock (<see cref="ReminderLoading"/>), which is
/// the reminder service's clock in production; a fake clock moved hours ahead would find its reminders never read.
/// Runs just after the migration, before the reminder provider reads its queries.
/// </summary>
internal sealed class ReminderRowsOnAnyClock(SqliteDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string Columns = "SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable WHERE ServiceId = @ServiceId AND ";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReminderRowsOnAnyClock), ServiceLifecycleStage.First + 1, ReplaceAsync, _ => Task.CompletedTask);

    private async Task ReplaceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE OrleansQuery SET QueryText = $one WHERE QueryKey = 'ReadRangeRows1Key'; UPDATE OrleansQuery SET QueryText = $two WHERE QueryKey = 'ReadRangeRows2Key';";
        command.Parameters.AddWithValue("$one", Columns + "GrainHash > @BeginHash AND GrainHash <= @EndHash;");
        command.Parameters.AddWithValue("$two", Columns + "(GrainHash > @BeginHash OR GrainHash <= @EndHash);");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
