using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>Cluster mode: clustering, grain state, reminders, run history and the catalog in one PostgreSQL database.</summary>
public static class SiloBuilderPostgresExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Keeps grain state (provider <see cref="StorageNames.GrainStorage"/>), reminders, run history and the catalog in
    /// the PostgreSQL database of <paramref name="connectionString"/>, whose schema is migrated at the first silo
    /// lifecycle stage (one silo at a time, under an advisory lock). Idempotent: a second call adds nothing.
    /// </summary>
    public static ISiloBuilder UseOrleansCronPostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(PostgresStorageMarker)))
        {
            return builder;
        }

        services.AddSingleton<PostgresStorageMarker>();
        services.AddOrleansCronPostgresStores(connectionString);
        AddMigration(services);
        OrleansProviderRegistration.UseStateAndReminders<PostgresDatabase>(builder, PostgresInvariant);

        // The reminder range queries go by the database's clock (ReminderLoading); SQLite's is the silo's own.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DatabaseClockCheck>();
        return builder;
    }

    /// <summary>
    /// ADO.NET clustering on the PostgreSQL database of <paramref name="connectionString"/> (our own membership
    /// queries; the schema is migrated before membership starts). Idempotent. When the silo also calls
    /// <see cref="UseOrleansCronPostgres"/>, both share the database registered first.
    /// </summary>
    public static ISiloBuilder UseOrleansCronPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(PostgresClusteringMarker)))
        {
            return builder;
        }

        services.AddSingleton<PostgresClusteringMarker>();
        AddDatabase(services, connectionString);
        AddMigration(services);
        builder.UseAdoNetClustering(options => options
            .Configure<PostgresDatabase>((o, database) =>
            {
                o.Invariant = PostgresInvariant;
                o.DataSource = database.DataSource;
            }));
        return builder;
    }

    /// <summary>Registers the database, <c>IRunStore</c> and <c>ICatalogStore</c> over PostgreSQL, without Orleans
    /// (the stores migrate the schema on first use). Idempotent.</summary>
    public static IServiceCollection AddOrleansCronPostgresStores(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (services.Any(d => d.ServiceType == typeof(PostgresRunStore)))
        {
            return services;
        }

        AddDatabase(services, connectionString);
        OrleansProviderRegistration.AddStores<PostgresDatabase, PostgresRunStore, PostgresCatalogStore>(services);
        return services;
    }

    private static void AddDatabase(IServiceCollection services, string connectionString)
    {
        if (!services.Any(d => d.ServiceType == typeof(PostgresDatabase)))
        {
            services.AddSingleton(sp => new PostgresDatabase(connectionString, sp.GetService<ILoggerFactory>()));
        }
    }

    private static void AddMigration(IServiceCollection services)
    {
        if (!services.Any(d => d.ImplementationType == typeof(PostgresMigrationParticipant)))
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresMigrationParticipant>();
        }
    }

    private sealed class PostgresStorageMarker;

    private sealed class PostgresClusteringMarker;
}
