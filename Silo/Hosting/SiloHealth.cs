using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansCron.Silo.Hosting;

/// <summary>The silo process's health endpoints, for process supervisors and Kubernetes probes.</summary>
public static class SiloHealth
{
    /// <summary>Path of the liveness probe: the process answers.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe: this silo is an active member of its cluster.</summary>
    public const string ReadyPath = "/health/ready";

    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(LivePath, () => Results.Text("Healthy"));
        endpoints.MapGet(ReadyPath, (ILocalSiloDetails local, IClusterMembershipService membership) =>
            membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active
                ? Results.Text("Healthy")
                : Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
