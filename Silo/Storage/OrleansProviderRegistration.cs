using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCron.Catalog;
using OrleansCron.History;
using OrleansCron.Metrics;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>What every engine registers the same way: its run and catalog stores, and the stock ADO.NET grain-state
/// and reminder providers over one of our databases: its data source for them (our connection settings), our queries in
/// OrleansQuery, and a state serializer that embeds no CLR type names.</summary>
internal static class OrleansProviderRegistration
{
    /// <summary>Registers an engine's run store and catalog store as singletons and as <see cref="IRunStore"/> and
    /// <see cref="ICatalogStore"/>, and the metrics store over <typeparamref name="TDatabase"/> (which must be
    /// registered too).</summary>
    public static void AddStores<TDatabase, TRunStore, TCatalogStore>(IServiceCollection services)
        where TDatabase : StoreDatabase
        where TRunStore : class, IRunStore
        where TCatalogStore : class, ICatalogStore
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TRunStore>();
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<TRunStore>());
        services.AddSingleton<TCatalogStore>();
        services.AddSingleton<ICatalogStore>(sp => sp.GetRequiredService<TCatalogStore>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<MetricsStore>(sp, sp.GetRequiredService<TDatabase>()));
        services.AddSingleton<IMetricsStore>(sp => sp.GetRequiredService<MetricsStore>());
    }

    public static void UseStateAndReminders<TDatabase>(ISiloBuilder builder, string invariant)
        where TDatabase : StoreDatabase
    {
        builder.Services.TryAddSingleton<JsonGrainStorageSerializer>();
        builder.AddAdoNetGrainStorage(StorageNames.GrainStorage, options => options
            .Configure<TDatabase, JsonGrainStorageSerializer>((o, database, serializer) =>
            {
                o.Invariant = invariant;
                o.DataSource = database.OrleansDataSource;
                o.GrainStorageSerializer = serializer;
            }));
        builder.UseAdoNetReminderService(options => options
            .Configure<TDatabase>((o, database) =>
            {
                o.Invariant = invariant;
                o.DataSource = database.OrleansDataSource;
            }));

        // Our range queries read only what this window can load: the two go together.
        builder.Services.Configure<ReminderOptions>(ReminderLoading.Configure);
    }
}
