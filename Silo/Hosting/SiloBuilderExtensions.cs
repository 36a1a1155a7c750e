using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansCron.Silo.Hosting;

/// <summary>Wires OrleansCron's grains and silo services into a silo, whatever the mode.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>The ServiceId every deployment keeps: grain state and reminder rows are keyed by it.</summary>
    public const string DefaultServiceId = "orleanscron";

    /// <summary>Adds OrleansCron to the silo. Idempotent.</summary>
    public static ISiloBuilder AddOrleansCron(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        if (builder.Services.Any(d => d.ServiceType == typeof(OrleansCronMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<OrleansCronMarker>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    private sealed class OrleansCronMarker;
}
