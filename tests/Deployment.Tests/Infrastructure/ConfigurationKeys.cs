using System.ComponentModel;
using System.Net;
using System.Reflection;
using Orleans.Configuration;
using OrleansCron.Gateway.Hosting;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>
/// The configuration keys the code reads, each with the type it is bound to, collected by reflection from the option
/// classes and key constants, so that a renamed option or key makes a manifest that still sets the old one fail.
/// </summary>
internal sealed class ConfigurationKeys
{
    private readonly Dictionary<string, Type> _keys;
    private readonly HashSet<string> _arrayKeys;
    private readonly string[] _prefixes;

    public ConfigurationKeys(IDictionary<string, Type> keys, IEnumerable<string> arrayKeys, IEnumerable<string> prefixes)
    {
        _keys = new Dictionary<string, Type>(keys, StringComparer.OrdinalIgnoreCase);
        _arrayKeys = new HashSet<string>(arrayKeys, StringComparer.OrdinalIgnoreCase);
        _prefixes = [.. prefixes];
    }

    public static ConfigurationKeys FromCode { get; } = Collect();

    public IReadOnlyCollection<string> Keys => _keys.Keys;

    public static string ToKey(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Null when the variable maps to a key the code reads and its value binds to the key's type; else why not.</summary>
    public string? Problem(EnvironmentVariable variable)
    {
        var key = ToKey(variable.Name);
        if (_prefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var colon = key.LastIndexOf(':');
        if (colon > 0 && int.TryParse(key[(colon + 1)..], out _) && _arrayKeys.Contains(key[..colon]))
        {
            return null;
        }

        if (!_keys.TryGetValue(key, out var type))
        {
            return $"{variable.Source}: {variable.Name} maps to '{key}', which the code does not read";
        }

        return variable.Value is null || Binds(type, variable.Value)
            ? null
            : $"{variable.Source}: {variable.Name}='{variable.Value}' does not bind to {type.Name}";
    }

    private static bool Binds(Type type, string value)
    {
        if (type == typeof(IPAddress))
        {
            return IPAddress.TryParse(value, out _);
        }

        try
        {
            TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static ConfigurationKeys Collect()
    {
        var keys = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        var grains = Assembly.Load("OrleansCron.Grains");
        AddOptions(keys, grains.GetType("OrleansCron.Scheduling.SchedulingOptions", true)!, Constant(grains, "OrleansCron.Scheduling.SchedulingOptions", "Section"));
        AddOptions(keys, grains.GetType("OrleansCron.History.HistoryOptions", true)!, Constant(grains, "OrleansCron.History.HistoryOptions", "Section"));
        AddOptions(keys, grains.GetType("OrleansCron.Dispatch.DispatchOptions", true)!, Constant(grains, "OrleansCron.Dispatch.DispatchDefaults", "SectionName"));
        AddOptions(keys, grains.GetType("OrleansCron.Metrics.MetricsOptions", true)!, Constant(grains, "OrleansCron.Metrics.MetricsDefaults", "SectionName"));
        AddOptions(keys, typeof(ClusterMembershipOptions), ClusterHosting.MembershipSection);

        // ClusterSettings names each key after the property it fills (ServiceIdKey -> ServiceId); Mode has no property.
        foreach (var field in typeof(ClusterSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal)))
        {
            var property = typeof(ClusterSettings).GetProperty(field.Name[..^"Key".Length]);
            keys[(string)field.GetRawConstantValue()!] = property?.PropertyType ?? typeof(string);
        }

        keys[OrleansCronSiloBuilderExtensions.DashboardEnabledKey] = typeof(bool);
        keys[OrleansCronSiloBuilderExtensions.DashboardCounterSecondsKey] = typeof(int);
        keys[GatewayDefaults.CoHostSiloKey] = typeof(bool);
        keys[OrleansCronSiloBuilderExtensions.GcSustainedLowLatencyKey] = typeof(bool);
        keys[OrleansCronSiloBuilderExtensions.GcBackgroundCollectionSecondsKey] = typeof(int);

        // Host settings ASP.NET Core reads itself.
        keys["Urls"] = typeof(string);
        keys["ASPNETCORE_URLS"] = typeof(string);
        keys["ASPNETCORE_HTTP_PORTS"] = typeof(string);
        keys["ASPNETCORE_ENVIRONMENT"] = typeof(string);
        return new ConfigurationKeys(keys, [GatewayDefaults.CorsOriginsKey], ["DOTNET_", "Logging:"]);
    }

    private static string Constant(Assembly assembly, string typeName, string name) =>
        (string)assembly.GetType(typeName, true)!.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private static void AddOptions(Dictionary<string, Type> keys, Type options, string section)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            keys[$"{section}:{property.Name}"] = property.PropertyType;
        }
    }
}
