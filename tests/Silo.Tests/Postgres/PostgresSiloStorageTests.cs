using Microsoft.Extensions.DependencyInjection;
using OrleansCron.Silo.Storage;
using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

/// <summary>The shared silo storage tests on PostgreSQL, and what is particular to it.</summary>
public sealed class PostgresSiloStorageTests : SiloStorageTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    protected override string ServiceId => "orleanscron-pg-tests";

    public void Dispose() => _database.Dispose();

    protected override void UseStorage(ISiloBuilder silo) => silo.UseOrleansCronPostgres(_database.ConnectionString);

    protected override long Scalar(string sql) => _database.Scalar(sql);

    [Fact]
    public async Task Silo_ChecksTheDatabaseClockAtStart()
    {
        await using var cluster = await StartClusterAsync();

        var participants = cluster.Silos[0].ServiceProvider.GetServices<ILifecycleParticipant<ISiloLifecycle>>();

        Assert.Single(participants.OfType<DatabaseClockCheck>());
    }

    [Fact]
    public async Task PersistentState_Stored_IsJsonThatPostgresCanRead()
    {
        await using var cluster = await StartClusterAsync();

        await cluster.Client.GetGrain<IStorageProbeGrain>("p1").SetAsync("hello", ProbeMood.Cheerful);

        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansStorage WHERE convert_from(PayloadBinary, 'UTF8')::jsonb ->> 'mood' = 'cheerful'"));
    }
}
