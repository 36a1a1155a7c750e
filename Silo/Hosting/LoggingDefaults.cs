using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// The log levels every OrleansCron process starts from, beneath all other configuration (appsettings, environment
/// variables and the command line override any of them, e.g. <c>Logging__LogLevel__Npgsql=Information</c>).
/// </summary>
/// <remarks>
/// Two of them matter more than they look. Npgsql logs every command at Information: on a silo that is a line per
/// batch of fires, which costs CPU and fills disks. And a level for the category <c>Orleans</c> also applies to
/// <c>OrleansCron</c> (the logging rules match by prefix), so quieting Orleans would silence ours without a rule of
/// our own.
/// </remarks>
public static class LoggingDefaults
{
    private static readonly Dictionary<string, string?> Levels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:OrleansCron"] = "Information",
        ["Logging:LogLevel:Npgsql"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>Puts the default levels beneath the builder's configuration sources.</summary>
    public static IHostApplicationBuilder AddOrleansCronLoggingDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
