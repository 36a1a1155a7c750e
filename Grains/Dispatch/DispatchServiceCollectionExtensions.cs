using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansCron.Dispatch;

/// <summary>Registers the silo-local HTTP dispatcher.</summary>
internal static class DispatchServiceCollectionExtensions
{
    /// <summary>Adds <see cref="HttpDispatcher"/> (also as <see cref="IDispatcher"/>) with options bound from
    /// <c>OrleansCron:Dispatch</c>, and the grain reporter unless an <see cref="IAttemptReporter"/> is already there.
    /// Calling it twice is harmless.</summary>
    public static IServiceCollection AddOrleansCronDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(HttpDispatcher)))
        {
            return services;
        }

        services.AddOptions<DispatchOptions>()
            .Bind(configuration.GetSection(DispatchDefaults.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAttemptReporter, GrainAttemptReporter>();
        services.AddSingleton<HttpDispatcher>();
        services.AddSingleton<IDispatcher>(provider => provider.GetRequiredService<HttpDispatcher>());
        return services;
    }
}
