using System.Text.Json;

namespace OrleansCron.Tests.Hosting;

/// <summary>Both processes ship with workstation, concurrent GC: server GC's long pauses become fire lateness.</summary>
public sealed class GarbageCollectorTests
{
    [Theory]
    [InlineData("OrleansCron.Gateway")]
    [InlineData("OrleansCron.Silo")]
    public void Process_RunsWorkstationConcurrentGc(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p) ? p : default;

        Assert.False(Flag(properties, "System.GC.Server") ?? false);
        Assert.True(Flag(properties, "System.GC.Concurrent") ?? true);
    }

    private static bool? Flag(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
