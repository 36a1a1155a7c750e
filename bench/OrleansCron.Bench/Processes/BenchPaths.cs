namespace OrleansCron.Bench.Processes;

/// <summary>Where the programs the driver starts live: beside it, built with it (see the project references).</summary>
public static class BenchPaths
{
    public static string Sink => Beside("OrleansCron.Bench.Sink.dll");

    public static string Floor => Beside("OrleansCron.Bench.Floor.dll");

    /// <summary>The gateway: OC_BENCH_GATEWAY when set (another build of the service), otherwise the one built alongside.</summary>
    public static string Gateway => Environment.GetEnvironmentVariable("OC_BENCH_GATEWAY") is { Length: > 0 } path ? path : Beside("OrleansCron.Gateway.dll");

    private static string Beside(string file) => Path.Combine(AppContext.BaseDirectory, file);
}
