using System.Reflection;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>What each Dockerfile must produce, taken from the code: its project, assembly, ports and HTTP paths.</summary>
internal sealed record Images(string Dockerfile, string Project, Assembly Assembly, int HttpPort, IReadOnlyList<int> Ports, Func<IReadOnlySet<string>> MappedPaths)
{
    public static Images Silo { get; } = new(
        "Silo/Dockerfile", "Silo/Silo.csproj", typeof(SiloHealth).Assembly, 8081,
        [8081, ClusterSettings.DefaultSiloPort, ClusterSettings.DefaultGatewayPort], () => Endpoints.Silo);

    public static Images Gateway { get; } = new(
        "Gateway/Dockerfile", "Gateway/Gateway.csproj", typeof(OrleansCron.Gateway.GatewayAssembly).Assembly, 8080, [8080], () => Endpoints.Gateway);

    public static Images ForDockerfile(string dockerfile) => new[] { Silo, Gateway }.Single(i => i.Dockerfile == dockerfile);

    public static Images Named(string name) => name == "silo" ? Silo : Gateway;

    /// <summary>The default drain time of a graceful silo stop (SchedulingOptions.DrainTimeout), unless a setting overrides it.</summary>
    public static TimeSpan DrainTimeout(IEnumerable<EnvironmentVariable> variables)
    {
        var configured = variables.FirstOrDefault(v => ConfigurationKeys.ToKey(v.Name).Equals("OrleansCron:Scheduling:DrainTimeout", StringComparison.OrdinalIgnoreCase));
        if (configured?.Value is { } value)
        {
            return TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var options = Activator.CreateInstance(Assembly.Load("OrleansCron.Grains").GetType("OrleansCron.Scheduling.SchedulingOptions", true)!)!;
        return (TimeSpan)options.GetType().GetProperty("DrainTimeout")!.GetValue(options)!;
    }
}
