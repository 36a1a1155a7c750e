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

    /// <summary>The first pause between report tries; it doubles after each failure, up to <see cref="MaxReportBackoff"/>.</summary>
    public static readonly TimeSpan ReportBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between report tries. A report is tried until it is delivered or the dispatcher stops.</summary>
    public static readonly TimeSpan MaxReportBackoff = TimeSpan.FromSeconds(5);

    public const string UserAgent = "OrleansCron/1.0";
}
