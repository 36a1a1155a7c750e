namespace OrleansCron.Tests.Infrastructure;

/// <summary>What every cluster test starts from: a recording server on loopback, a fresh PostgreSQL database and a
/// working directory for the processes.</summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    protected string WorkingDirectory { get; } = Path.Combine(Path.GetTempPath(), "oc-cluster-tests", Guid.NewGuid().ToString("N"));

    protected RecordingServer Recorder { get; private set; } = null!;

    protected PostgresDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkingDirectory);
        Recorder = await RecordingServer.StartAsync();
        Database = await PostgresDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await Recorder.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task<ServiceProcess> StartSiloAsync()
    {
        var silo = ServiceProcess.ClusterSilo(Database.ConnectionString, WorkingDirectory);
        await silo.StartAsync();
        return silo;
    }

    /// <summary>Creates <paramref name="count"/> one-second interval schedules on one target at the recorder's /ok,
    /// with the default misfire (fire_once) and grace (60 s) policies, and the default overlap policy (skip) unless
    /// <paramref name="overlapPolicy"/> says otherwise.</summary>
    protected async Task<List<string>> CreateSchedulesAsync(HttpClient gateway, int count, string overlapPolicy = "skip")
    {
        var target = await gateway.PostAsync("/api/v1/targets", new { name = "recorder", url = Recorder.Url("/ok"), method = "POST" });
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await gateway.PostAsync("/api/v1/schedules", new
            {
                target_id = target.Str("id"),
                schedule_type = "interval",
                interval_seconds = 1,
                overlap_policy = overlapPolicy,
            })).Str("id"));
        }

        return ids;
    }
}
