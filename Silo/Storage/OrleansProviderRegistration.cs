using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>The stock ADO.NET grain-state and reminder providers over one of our databases, whatever the engine:
/// our data source (with its connection settings), our queries in OrleansQuery, and a state serializer that embeds
/// no CLR type names.</summary>
internal static class OrleansProviderRegistration
{
    public static void UseStateAndReminders<TDatabase>(ISiloBuilder builder, string invariant)
        where TDatabase : StoreDatabase
    {
        builder.Services.TryAddSingleton<JsonGrainStorageSerializer>();
        builder.AddAdoNetGrainStorage(StorageNames.GrainStorage, options => options
            .Configure<TDatabase, JsonGrainStorageSerializer>((o, database, serializer) =>
            {
                o.Invariant = invariant;
                o.DataSource = database.DataSource;
                o.GrainStorageSerializer = serializer;
            }));
        builder.UseAdoNetReminderService(options => options
            .Configure<TDatabase>((o, database) =>
            {
                o.Invariant = invariant;
                o.DataSource = database.DataSource;
            }));
    }
}
