using Microsoft.Extensions.DependencyInjection;

namespace OrleansCron.Silo.Storage;

/// <summary>Orleans clients (the gateway) of a cluster on PostgreSQL.</summary>
public static class ClientBuilderPostgresExtensions
{
    /// <summary>
    /// Finds the cluster's gateways through the ADO.NET membership table in the PostgreSQL database of
    /// <paramref name="connectionString"/>. The client only reads (the gateway query); it runs no migration and
    /// needs the silos to have created the schema. Idempotent: a second call adds nothing.
    /// </summary>
    public static IClientBuilder UseOrleansCronPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (builder.Services.Any(d => d.ServiceType == typeof(PostgresClientMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<PostgresClientMarker>();
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = SiloBuilderPostgresExtensions.PostgresInvariant;
            options.ConnectionString = connectionString;
        });
    }

    private sealed class PostgresClientMarker;
}
