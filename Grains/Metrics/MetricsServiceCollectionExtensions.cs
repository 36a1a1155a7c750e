using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansCron.Metrics;

/// <summary>Registers the metrics services of a silo.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MetricsOptions"/> (from <c>OrleansCron:Metrics</c> of <paramref name="configuration"/>)
    /// and the silo-local <see cref="IMetricsAggregator"/>, which joins the silo lifecycle. Idempotent.</summary>
    public static IServiceCollection AddOrleansCronMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(MetricsAggregator)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsDefaults.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<MetricsAggregator>();
        services.AddSingleton<IMetricsAggregator>(sp => sp.GetRequiredService<MetricsAggregator>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MetricsAggregator>());
        return services;
    }
}
