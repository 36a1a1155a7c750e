namespace OrleansCron.Gateway;

/// <summary>
/// Names the gateway assembly, e.g. as <c>WebApplicationFactory&lt;GatewayAssembly&gt;</c>: where the silo's internals
/// are visible too, its top-level <c>Program</c> makes the name <c>Program</c> ambiguous.
/// </summary>
public sealed class GatewayAssembly
{
    private GatewayAssembly()
    {
    }
}
