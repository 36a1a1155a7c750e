using System.ComponentModel.DataAnnotations;

namespace OrleansCron.Dispatch;

/// <summary>The silo-local HTTP dispatcher, bound from <c>OrleansCron:Dispatch</c>.</summary>
internal sealed class DispatchOptions
{
    /// <summary>Attempts sent at the same time by one silo.</summary>
    /// <value>Default 1024.</value>
    [Range(1, 65_536)]
    public int MaxConcurrency { get; set; } = DispatchDefaults.MaxConcurrency;

    /// <summary>Open connections to one host (scheme, host and port).</summary>
    /// <value>Default 256.</value>
    [Range(1, 65_536)]
    public int MaxConnectionsPerServer { get; set; } = DispatchDefaults.MaxConnectionsPerServer;

    /// <summary>Leading bytes of each response body kept as text in the attempt record.</summary>
    /// <value>Default 4096.</value>
    [Range(0, 1024 * 1024)]
    public int ResponseBodyCaptureBytes { get; set; } = DispatchDefaults.ResponseBodyCaptureBytes;

    /// <summary>A longer response body is cut off and the attempt fails as <c>ResponseTooLarge</c>.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(0, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = DispatchDefaults.MaxResponseBytes;

    /// <summary>How long a pooled connection lives, so that DNS changes are picked up.</summary>
    /// <value>Default 300 seconds.</value>
    [Range(1, 86_400)]
    public int PooledConnectionLifetimeSeconds { get; set; } = DispatchDefaults.PooledConnectionLifetimeSeconds;

    /// <summary>Allows loopback, private, link-local, CGNAT and metadata addresses as targets.</summary>
    /// <value>Default false; the standalone app turns it on.</value>
    public bool AllowPrivateNetworks { get; set; } = DispatchDefaults.AllowPrivateNetworks;
}
