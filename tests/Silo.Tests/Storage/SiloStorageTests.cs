using Orleans.Storage;
using Orleans.TestingHost;

namespace OrleansCron.Tests.Storage;

/// <summary>Grain state and reminders through the Orleans ADO.NET providers on our own queries, run against each
/// engine by a subclass.</summary>
public abstract class SiloStorageTests
{
    /// <summary>Each engine's tests use a service id of their own.</summary>
    protected abstract string ServiceId { get; }

    /// <summary>Puts the silo's storage on the engine's fresh database.</summary>
    protected abstract void UseStorage(ISiloBuilder silo);

    /// <summary>Runs a query that returns one integer, behind the providers' backs.</summary>
    protected abstract long Scalar(string sql);

    [Fact]
    public async Task PersistentState_WrittenThenDeactivated_ReadsBack()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");

        await grain.SetAsync("hello", ProbeMood.Cheerful);
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var value = await grain.GetAsync();

        Assert.Equal("hello", value);
        Assert.Equal(1, Scalar("SELECT Version FROM OrleansStorage WHERE GrainTypeString = 'probe'"));
    }

    [Fact]
    public async Task PersistentState_StaleVersion_WriteIsRefused()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);
        Scalar("UPDATE OrleansStorage SET Version = Version + 1 RETURNING Version");

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
        Assert.Equal(3, Scalar("SELECT Version FROM OrleansStorage"));
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
        Assert.Equal((long)period.TotalMilliseconds, Scalar("SELECT Period FROM OrleansRemindersTable WHERE ReminderName = 'wake'"));
    }

    protected async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => UseStorage(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
