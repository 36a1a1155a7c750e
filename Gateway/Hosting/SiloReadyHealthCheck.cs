using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansCron.Catalog;

namespace OrleansCron.Gateway.Hosting;

/// <summary>Ready when a grain call round-trips: the silo is up, its storage answers and the catalog can be read.</summary>
internal sealed class SiloReadyHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolved per check, not injected: with no silo or client registered the gateway is alive but not ready.
        if (services.GetService<IGrainFactory>() is not { } grains)
        {
            return HealthCheckResult.Unhealthy("No grain client is configured.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await grains.GetGrain<ICatalogGrain>(0).UpcomingAsync(1, timeout.Token).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("A grain call failed.", ex);
        }
    }
}
