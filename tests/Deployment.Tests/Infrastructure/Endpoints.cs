using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>The HTTP paths each process really maps, read from its route table.</summary>
internal static class Endpoints
{
    private static readonly Lazy<IReadOnlySet<string>> SiloRoutes = new(ReadSilo);
    private static readonly Lazy<IReadOnlySet<string>> GatewayRoutes = new(ReadGateway);

    public static IReadOnlySet<string> Silo => SiloRoutes.Value;

    public static IReadOnlySet<string> Gateway => GatewayRoutes.Value;

    private static IReadOnlySet<string> ReadSilo()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The ready endpoint takes these from the silo; registered (never resolved) so its parameters bind as services.
        builder.Services.AddSingleton<ILocalSiloDetails>(_ => throw new InvalidOperationException("No silo in this test."));
        builder.Services.AddSingleton<IClusterMembershipService>(_ => throw new InvalidOperationException("No silo in this test."));
        var app = builder.Build();
        app.MapSiloHealth();
        return Paths(((IEndpointRouteBuilder)app).DataSources);
    }

    private static IReadOnlySet<string> ReadGateway()
    {
        using var factory = new WebApplicationFactory<OrleansCron.Gateway.GatewayAssembly>().WithWebHostBuilder(b =>
            b.UseSetting(OrleansCron.Gateway.Hosting.GatewayDefaults.CoHostSiloKey, "false"));
        return Paths([factory.Services.GetRequiredService<EndpointDataSource>()]);
    }

    private static HashSet<string> Paths(IEnumerable<EndpointDataSource> sources) =>
        [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))];
}
