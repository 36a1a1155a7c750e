using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// Cluster mode settings, from <c>OrleansCron:Mode</c>, <c>OrleansCron:Postgres</c> and <c>OrleansCron:Cluster</c>.
/// Silos and gateways of one deployment must agree on the connection string's database, the ServiceId (stored rows
/// are keyed by it: never change it) and the ClusterId.
/// </summary>
/// <param name="ConnectionString">PostgreSQL: clustering, grain state, reminders, run history and the catalog.</param>
/// <param name="ServiceId">Stable across deployments.</param>
/// <param name="ClusterId">This deployment's cluster.</param>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Port Orleans clients (the gateways) connect to.</param>
/// <param name="AdvertisedAddress">The address other silos and clients reach this silo at (a pod IP in Kubernetes).</param>
public sealed record ClusterSettings(
    string ConnectionString,
    string ServiceId,
    string ClusterId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedAddress)
{
    public const string ModeKey = "OrleansCron:Mode";
    public const string ConnectionStringKey = "OrleansCron:Postgres:ConnectionString";
    public const string ServiceIdKey = "OrleansCron:Cluster:ServiceId";
    public const string ClusterIdKey = "OrleansCron:Cluster:ClusterId";
    public const string SiloPortKey = "OrleansCron:Cluster:SiloPort";
    public const string GatewayPortKey = "OrleansCron:Cluster:GatewayPort";
    public const string AdvertisedAddressKey = "OrleansCron:Cluster:AdvertisedAddress";

    public const string DefaultClusterId = "orleanscron";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>True when <c>OrleansCron:Mode</c> is <c>cluster</c>; standalone is the default.</summary>
    public static bool IsClusterMode(IConfiguration configuration)
    {
        var mode = configuration[ModeKey];
        return mode switch
        {
            null or "" or "standalone" => false,
            "cluster" => true,
            _ => throw new InvalidOperationException($"{ModeKey} must be 'standalone' or 'cluster', not '{mode}'."),
        };
    }

    /// <summary>Reads and checks the settings; a missing connection string or a bad address fails start-up with a clear message.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"Cluster mode needs a PostgreSQL connection string in {ConnectionStringKey} (environment: OrleansCron__Postgres__ConnectionString).");
        }

        var advertised = configuration[AdvertisedAddressKey];
        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(advertised) && !IPAddress.TryParse(advertised, out address))
        {
            throw new InvalidOperationException($"{AdvertisedAddressKey} must be an IP address, not '{advertised}'.");
        }

        return new ClusterSettings(
            connectionString,
            configuration[ServiceIdKey] is { Length: > 0 } serviceId ? serviceId : OrleansCronSiloBuilderExtensions.DefaultServiceId,
            configuration[ClusterIdKey] is { Length: > 0 } clusterId ? clusterId : DefaultClusterId,
            configuration.GetValue(SiloPortKey, DefaultSiloPort),
            configuration.GetValue(GatewayPortKey, DefaultGatewayPort),
            address ?? IPAddress.Loopback);
    }
}
