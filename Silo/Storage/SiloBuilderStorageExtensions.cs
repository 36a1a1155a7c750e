using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>Standalone storage: grain state, reminders, run history and the catalog, all in one SQLite file.</summary>
public static class SiloBuilderStorageExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans serves SQLite with Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The database file's name inside the data directory.</summary>
    public const string DatabaseFileName = "orleanscron.db";

    /// <summary>
    /// Keeps grain state (provider <see cref="StorageNames.GrainStorage"/>), reminders, run history and the catalog in
    /// the SQLite file <paramref name="databasePath"/>, whose schema is migrated at the first silo lifecycle stage.
    /// Idempotent: a second call (with any path) adds nothing.
    /// </summary>
    public static ISiloBuilder UseOrleansCronSqlite(this ISiloBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SqliteSiloMarker)))
        {
            return builder;
        }

        services.AddSingleton<SqliteSiloMarker>();
        services.AddOrleansCronSqliteStores(databasePath);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteMigrationParticipant>();
        OrleansProviderRegistration.UseStateAndReminders<SqliteDatabase>(builder, SqliteInvariant);
        return builder;
    }

    /// <summary>Registers the database, <c>IRunStore</c> and <c>ICatalogStore</c> over the SQLite file, without
    /// Orleans (the stores migrate the schema on first use). Idempotent.</summary>
    public static IServiceCollection AddOrleansCronSqliteStores(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            return services;
        }

        services.AddSingleton(sp => new SqliteDatabase(databasePath, sp.GetService<ILoggerFactory>()));
        OrleansProviderRegistration.AddStores<SqliteDatabase, SqliteRunStore, SqliteCatalogStore>(services);
        return services;
    }

    private sealed class SqliteSiloMarker;
}
