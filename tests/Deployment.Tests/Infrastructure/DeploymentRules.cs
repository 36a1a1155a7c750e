using Microsoft.Extensions.Hosting;
using Npgsql;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>
/// The checks the deployment files must pass, as pure functions returning what is wrong, so that the tests can run
/// each one on the real files (nothing wrong) and on a broken example (something wrong).
/// </summary>
internal static class DeploymentRules
{
    public static IEnumerable<string> UnknownSettings(IEnumerable<EnvironmentVariable> variables, ConfigurationKeys keys) =>
        variables.Select(keys.Problem).OfType<string>();

    public static IEnumerable<string> UnexposedPorts(string source, IEnumerable<int> ports, Dockerfile dockerfile) =>
        ports.Where(p => !dockerfile.ExposedPorts.Contains(p)).Select(p => $"{source}: port {p} is not EXPOSEd by {dockerfile.RelativePath}");

    public static string? MissingPath(string source, string? path, IReadOnlySet<string> mapped) =>
        path is not null && mapped.Contains(path) ? null : $"{source}: probe path '{path}' is not mapped (mapped: {string.Join(", ", mapped.Order())})";

    /// <summary>A stop must outlast the drain and the host's own shutdown timeout, or SIGKILL cuts runs off.</summary>
    public static string? GraceTooShort(string source, TimeSpan grace, TimeSpan drain)
    {
        var shutdown = new HostOptions().ShutdownTimeout;
        return grace > drain && grace > shutdown
            ? null
            : $"{source}: grace {grace} must exceed the drain timeout {drain} and the host shutdown timeout {shutdown}";
    }

    public static IEnumerable<string> SelectorMismatch(string source, IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.Count == 0)
        {
            yield return $"{source}: empty selector";
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var label) || label != value)
            {
                yield return $"{source}: selector {key}={value} does not match the labels";
            }
        }
    }

    /// <summary>The connection string is in the Secret, parses, and names a host and database; the ConfigMap holds no credential.</summary>
    public static IEnumerable<string> SecretPlacement(IReadOnlyDictionary<string, string> configMap, IReadOnlyDictionary<string, string> secret, string secretKey)
    {
        foreach (var (key, value) in configMap)
        {
            if (key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || value.Contains("Password", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"ConfigMap: {key} holds a credential";
            }
        }

        if (!secret.TryGetValue(secretKey, out var connectionString))
        {
            yield return $"Secret: no {secretKey}";
            yield break;
        }

        NpgsqlConnectionStringBuilder? parsed = null;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
        }

        if (parsed is null || string.IsNullOrEmpty(parsed.Host) || string.IsNullOrEmpty(parsed.Database))
        {
            yield return $"Secret: {secretKey} is not a PostgreSQL connection string with a host and a database";
        }
    }
}
