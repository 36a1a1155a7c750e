namespace OrleansCron.Bench.Processes;

/// <summary>Where the programs the driver starts live: beside it, built with it (see the project references).</summary>
public static class BenchPaths
{
    public static string Sink => Beside("OrleansCron.Bench.Sink.dll");

    public static string Floor => Beside("OrleansCron.Bench.Floor.dll");

    /// <summary>The gateway: OC_BENCH_GATEWAY when set (another build of the service), otherwise the one built alongside.</summary>
    public static string Gateway => Override("OC_BENCH_GATEWAY") ?? Beside("OrleansCron.Gateway.dll");

    /// <summary>The silo process of cluster mode: OC_BENCH_SILO when set, otherwise the one built alongside (the gateway brings it).</summary>
    public static string Silo => Override("OC_BENCH_SILO") ?? Beside("OrleansCron.Silo.dll");

    private static string? Override(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : null;

    private static string Beside(string file) => Path.Combine(AppContext.BaseDirectory, file);
}
