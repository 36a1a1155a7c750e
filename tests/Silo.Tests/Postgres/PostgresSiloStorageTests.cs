using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCron.Silo.Storage;
using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

/// <summary>Grain state and reminders through the Orleans ADO.NET providers on our PostgreSQL queries.</summary>
public sealed class PostgresSiloStorageTests : IDisposable
{
    private const string ServiceId = "orleanscron-pg-tests";

    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task PersistentState_WrittenThenDeactivated_ReadsBackAsPlainJson()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");

        await grain.SetAsync("hello", ProbeMood.Cheerful);
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var value = await grain.GetAsync();

        Assert.Equal("hello", value);
        Assert.Equal(1, _database.Scalar("SELECT Version FROM OrleansStorage WHERE GrainTypeString = 'probe'"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansStorage WHERE convert_from(PayloadBinary, 'UTF8')::jsonb ->> 'mood' = 'cheerful'"));
    }

    [Fact]
    public async Task PersistentState_StaleVersion_WriteIsRefused()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);
        _database.Scalar("UPDATE OrleansStorage SET Version = Version + 1 RETURNING Version");

        var write = () => grain.SetAsync("second", ProbeMood.Calm);

        await Assert.ThrowsAsync<InconsistentStateException>(write);
        Assert.Equal("first", await grain.GetAsync());
    }

    [Fact]
    public async Task PersistentState_Cleared_ReadsAsEmptyAndCanBeWrittenAgain()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var cleared = await grain.GetAsync();
        await grain.SetAsync("again", ProbeMood.Calm);

        Assert.Null(cleared);
        Assert.Equal(3, _database.Scalar("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task Reminder_Registered_IsReadableAndSurvivesAClusterRestart()
    {
        var period = TimeSpan.FromHours(1);
        await using (var first = await StartClusterAsync())
        {
            var grain = first.Client.GetGrain<IStorageProbeGrain>("r1");
            await grain.RegisterReminderAsync("wake", period);
            Assert.True(await grain.HasReminderAsync("wake"));
        }

        await using var second = await StartClusterAsync();
        var restarted = await second.Client.GetGrain<IStorageProbeGrain>("r1").HasReminderAsync("wake");

        Assert.True(restarted);
        Assert.Equal((long)period.TotalMilliseconds, _database.Scalar("SELECT Period FROM OrleansRemindersTable WHERE ReminderName = 'wake'"));
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        var connectionString = _database.ConnectionString;
        builder.ConfigureSilo((_, silo) => silo.UseOrleansCronPostgres(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
