using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// How often the Orleans Dashboard's own OpenTelemetry reader collects the Orleans meter. The dashboard (10.4.2) builds
/// that reader with a one-second interval that no option reaches (<c>DashboardHost.ExportIntervalMilliseconds</c>, an
/// internal init-only property), and each collection observes every Orleans gauge, two of which walk all of the silo's
/// activations and its directory cache. Measured during a burst of 100,000 one-off schedules (scenario 5, perf):
/// those two gauges were 6.1 % of the service's CPU. Here the reader collects at the dashboard's counter interval
/// instead (5 s by default), as its counters do; the deltas its counters page shows are then per that interval.
/// </summary>
internal static class DashboardExportInterval
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalPropertyName = "ExportIntervalMilliseconds";

    /// <summary>The dashboard's host type and its interval property, or null when this version of the dashboard has
    /// them no more (the tests pin it: an upgrade that drops them fails there).</summary>
    internal static (Type Host, PropertyInfo Interval)? Find()
    {
        var host = typeof(DashboardOptions).Assembly.GetType(HostTypeName, throwOnError: false);
        var interval = host?.GetProperty(IntervalPropertyName, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return host is not null && interval is { CanWrite: true } && interval.PropertyType == typeof(int) ? (host, interval) : null;
    }

    /// <summary>After <c>AddDashboard</c>: builds the dashboard's host with <paramref name="milliseconds"/> as its
    /// export interval. False, and nothing changed, when the dashboard is not registered or is not the version this
    /// was written for.</summary>
    public static bool TrySet(IServiceCollection services, int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 1000);
        if (Find() is not var (host, interval))
        {
            return false;
        }

        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == host && descriptor.ImplementationType == host && !descriptor.IsKeyedService)
            {
                services[i] = ServiceDescriptor.Singleton(host, provider =>
                {
                    var instance = ActivatorUtilities.CreateInstance(provider, host);
                    interval.SetValue(instance, milliseconds);
                    return instance;
                });
                return true;
            }
        }

        return false;
    }
}
