using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCron.History;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class SiloBuilderStorageExtensionsTests : IDisposable
{
    private const string ServiceId = "orleanscron-store-tests";

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task PersistentState_WrittenThenDeactivated_ReadsBackFromTheFile()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");

        await grain.SetAsync("hello", ProbeMood.Cheerful);
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var value = await grain.GetAsync();

        Assert.Equal("hello", value);
        Assert.Equal(1, _file.Scalar("SELECT Version FROM OrleansStorage WHERE GrainTypeString = 'probe'"));
    }

    [Fact]
    public async Task PersistentState_Stored_IsPlainJsonWithoutTypeNames()
    {
        await using var cluster = await StartClusterAsync();

        await cluster.Client.GetGrain<IStorageProbeGrain>("p1").SetAsync("hello", ProbeMood.Cheerful);

        using var connection = _file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage";
        var json = JsonDocument.Parse((byte[])command.ExecuteScalar()!).RootElement;
        Assert.Equal("hello", json.GetProperty("value").GetString());
        Assert.Equal("cheerful", json.GetProperty("mood").GetString());
        Assert.DoesNotContain(json.EnumerateObject(), p => p.Name.StartsWith('$'));
    }

    [Fact]
    public async Task PersistentState_StaleVersion_WriteIsRefused()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);
        _file.Scalar("UPDATE OrleansStorage SET Version = Version + 1 RETURNING Version");

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
        Assert.Equal(3, _file.Scalar("SELECT Version FROM OrleansStorage"));
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
        Assert.Equal((long)period.TotalMilliseconds, _file.Scalar("SELECT Period FROM OrleansRemindersTable WHERE ReminderName = 'wake'"));
    }

    [Fact]
    public void UseOrleansCronSqlite_CalledTwice_RegistersEverythingOnce()
    {
        var host = Host.CreateApplicationBuilder();
        var counts = (0, 0, 0);

        host.UseOrleans(silo =>
        {
            silo.UseOrleansCronSqlite(_file.FilePath);
            silo.UseOrleansCronSqlite(_file.FilePath);
            counts = (
                silo.Services.Count(d => d.ServiceType == typeof(IRunStore)),
                silo.Services.Count(d => d.ImplementationType == typeof(SqliteMigrationParticipant)),
                silo.Services.Count(d => d.ServiceType == typeof(SqliteDatabase)));
        });

        Assert.Equal((1, 1, 1), counts);
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        var path = _file.FilePath;
        builder.ConfigureSilo((_, silo) => silo.UseOrleansCronSqlite(path));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
