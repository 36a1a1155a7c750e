using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansCron.Gateway;

namespace OrleansCron.Tests.Api;

/// <summary>The real gateway with its co-hosted silo, storing everything under <paramref name="dataDirectory"/>.</summary>
public sealed class RealStackFactory(string dataDirectory) : WebApplicationFactory<GatewayAssembly>
{
    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OrleansCron:Hosting:CoHostSilo", "true");
        builder.UseSetting("OrleansCron:DataDirectory", DataDirectory);

        // The test's receiver listens on loopback, which the dispatcher refuses unless told otherwise.
        builder.UseSetting("OrleansCron:Dispatch:AllowPrivateNetworks", "true");
    }
}
