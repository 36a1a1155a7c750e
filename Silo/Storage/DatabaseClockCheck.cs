using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// At a silo's start, compares the PostgreSQL server's clock with the reminder service's and logs an error when they
/// are further apart than <see cref="ReminderLoading.MaxClockSkew"/>: the reminder range queries pick rows by the
/// database's clock with a minute's margin (<see cref="ReminderLoading"/>), so a larger skew could leave a reminder
/// unread until after its tick. A database it cannot reach is left to the migration, which fails the start.
/// </summary>
internal sealed partial class DatabaseClockCheck(
    PostgresDatabase database,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time,
    ILogger<DatabaseClockCheck> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(DatabaseClockCheck), ServiceLifecycleStage.First, CheckAsync, _ => Task.CompletedTask);
    }

    /// <summary>The database's clock minus this silo's (taken halfway through the query), or null when it could not
    /// be read.</summary>
    public async Task<TimeSpan?> MeasureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT clock_timestamp()";
            var before = time.GetUtcNow();
            var value = await command.ExecuteScalarAsync(cancellationToken);
            var after = time.GetUtcNow();
            return value is DateTime server
                ? new DateTimeOffset(DateTime.SpecifyKind(server, DateTimeKind.Utc)) - (before + ((after - before) / 2))
                : null;
        }
        catch (DbException exception)
        {
            LogUnread(logger, exception);
            return null;
        }
    }

    /// <summary>Measures the skew and logs an error when it is too large.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (await MeasureAsync(cancellationToken) is { } skew && skew.Duration() > ReminderLoading.MaxClockSkew)
        {
            LogSkew(logger, skew.TotalSeconds, ReminderLoading.MaxClockSkew.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database's clock is {SkewSeconds:F1} s off this silo's (more than {MaxSeconds} s): reminders may be read too late and miss a tick. Synchronise the clocks (NTP).")]
    private static partial void LogSkew(ILogger logger, double skewSeconds, double maxSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The database's clock could not be read; the migration will say why.")]
    private static partial void LogUnread(ILogger logger, Exception exception);
}
