using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Postgres;

/// <summary>Two real silos and a client on loopback that find each other only through our membership queries.</summary>
public sealed class PostgresClusteringTests : IDisposable
{
    private const string ClusterId = "oc-pg-clustering-tests";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task TwoSilos_JoinThroughPostgres_ClientSeesBothAndTheOtherSiloSeesAStop()
    {
        using var first = await StartSiloAsync();
        using var second = await StartSiloAsync();
        using var client = await StartClientAsync();

        var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var secondAddress = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await second.StopAsync();
        var seenDead = await WaitUntilAsync(() =>
            first.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(secondAddress) == SiloStatus.Dead);

        Assert.Equal(2, hosts.Count);
        Assert.True(seenDead, "the first silo never saw the second one stop");
        Assert.Equal(2, _database.Scalar($"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{ClusterId}'"));
        Assert.Equal((long)SiloStatus.Dead, _database.Scalar($"SELECT Status FROM OrleansMembershipTable WHERE Port = {secondAddress.Endpoint.Port}"));
        Assert.True(_database.Scalar($"SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = '{ClusterId}'") >= 4);
    }

    [Fact]
    public void UseOrleansCronPostgresClustering_CalledTwiceWithStorage_RegistersOneDatabaseAndOneMigration()
    {
        var host = Host.CreateApplicationBuilder();
        var counts = (0, 0, 0);

        host.UseOrleans(silo =>
        {
            silo.UseOrleansCronPostgresClustering(_database.ConnectionString);
            silo.UseOrleansCronPostgres(_database.ConnectionString);
            silo.UseOrleansCronPostgresClustering(_database.ConnectionString);
            silo.UseOrleansCronPostgres(_database.ConnectionString);
            counts = (
                silo.Services.Count(d => d.ServiceType == typeof(PostgresDatabase)),
                silo.Services.Count(d => d.ImplementationType == typeof(PostgresMigrationParticipant)),
                silo.Services.Count(d => d.ServiceType == typeof(OrleansCron.History.IRunStore)));
        });

        Assert.Equal((1, 1, 1), counts);
    }

    private async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var connectionString = _database.ConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort(), listenOnAnyHostAddress: false);
            silo.UseOrleansCronPostgresClustering(connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var connectionString = _database.ConnectionString;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
            client.UseOrleansCronPostgresClustering(connectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
