namespace OrleansCron.Dispatch;

/// <summary>Default values of <see cref="DispatchOptions"/>.</summary>
internal static class DispatchDefaults
{
    public const string SectionName = "OrleansCron:Dispatch";

    public const int MaxConcurrency = 1024;

    public const int MaxConnectionsPerServer = 256;

    public const int ResponseBodyCaptureBytes = 4096;

    public const int MaxResponseBytes = 1024 * 1024;

    public const int PooledConnectionLifetimeSeconds = 300;

    public const bool AllowPrivateNetworks = false;

    /// <summary>How often a failed report to the schedule grain is tried in all.</summary>
    public const int ReportAttempts = 5;

    /// <summary>The first pause between report tries; it doubles after each failure.</summary>
    public static readonly TimeSpan ReportBackoff = TimeSpan.FromMilliseconds(200);

    public const string UserAgent = "OrleansCron/1.0";
}
