using System.Text.Json;

namespace OrleansCron.Tests.Hosting;

/// <summary>How both processes ship: runtime settings chosen for a small machine (see docs/benchmarks.md).</summary>
public sealed class RuntimeConfigTests
{
    /// <summary>Workstation, concurrent GC: server GC's long pauses become fire lateness.</summary>
    [Theory]
    [InlineData("OrleansCron.Gateway")]
    [InlineData("OrleansCron.Silo")]
    public void Process_RunsWorkstationConcurrentGc(string assembly)
    {
        var properties = ConfigProperties(assembly);

        Assert.False(Property(properties, "System.GC.Server")?.GetBoolean() ?? false);
        Assert.True(Property(properties, "System.GC.Concurrent")?.GetBoolean() ?? true);
    }

    /// <summary>Idle thread-pool workers do not spin before they sleep: spinning cost 8-12 % of the CPU per fire.</summary>
    [Theory]
    [InlineData("OrleansCron.Gateway")]
    [InlineData("OrleansCron.Silo")]
    public void Process_ThreadPoolWorkersDoNotSpin(string assembly)
    {
        var properties = ConfigProperties(assembly);

        Assert.Equal(0, Property(properties, "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit")?.GetInt32());
    }

    private static JsonElement ConfigProperties(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p) ? p.Clone() : default;
    }

    private static JsonElement? Property(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) ? value : null;
}
