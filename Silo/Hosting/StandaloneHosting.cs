using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OrleansCron.Silo.Hosting;

/// <summary>Standalone mode: the gateway process co-hosts a single silo with localhost clustering.</summary>
public static class StandaloneHosting
{
    /// <summary>Co-hosts a standalone silo in this process, configured from <c>OrleansCron</c>.</summary>
    public static IHostApplicationBuilder AddOrleansCronStandalone(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var siloPort = builder.Configuration.GetValue<int?>("OrleansCron:Standalone:SiloPort") ?? 0;
        builder.UseOrleans(silo =>
        {
            // One silo talks to nobody, so its port only has to be free: 0 picks one, which lets several
            // standalone processes (and tests) share a machine. No Orleans gateway: clients live in-process.
            silo.UseLocalhostClustering(
                siloPort: siloPort == 0 ? FreeLoopbackPort() : siloPort,
                gatewayPort: 0,
                serviceId: OrleansCronSiloBuilderExtensions.DefaultServiceId,
                clusterId: "standalone");
            silo.AddOrleansCron(builder.Configuration);
        });
        return builder;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
