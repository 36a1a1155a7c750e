using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCron.History;
using OrleansCron.Silo.Storage;
using OrleansCron.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>The shared silo storage tests on SQLite, and what is particular to it.</summary>
public sealed class SiloBuilderStorageExtensionsTests : SiloStorageTests, IDisposable
{
    private readonly TempDatabase _file = new();

    protected override string ServiceId => "orleanscron-store-tests";

    public void Dispose() => _file.Dispose();

    protected override void UseStorage(ISiloBuilder silo) => silo.UseOrleansCronSqlite(_file.FilePath);

    protected override long Scalar(string sql) => _file.Scalar(sql);

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

    [Fact]
    public async Task TheOrleansProviders_OpenFromTheirOwnLane_NotFromOurStoresBound()
    {
        var host = Host.CreateApplicationBuilder();
        host.UseOrleans(silo => silo.UseOrleansCronSqlite(_file.FilePath));
        using var app = host.Build();

        var database = app.Services.GetRequiredService<SqliteDatabase>();
        var grainState = app.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(StorageNames.GrainStorage);
        var reminders = app.Services.GetRequiredService<IOptions<AdoNetReminderTableOptions>>().Value;

        Assert.Same(database.DataSource.ForOrleans, grainState.DataSource);
        Assert.Same(database.DataSource.ForOrleans, reminders.DataSource);
        Assert.NotSame(database.DataSource.OpenLimit, database.DataSource.ForOrleans.OpenLimit);
        Assert.Same(database.DataSource.WriteGate, database.DataSource.ForOrleans.WriteGate);
        await database.DisposeAsync();
    }
}
