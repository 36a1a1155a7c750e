using Microsoft.Extensions.Time.Testing;
using OrleansCron.Runs;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>A run store over a fresh database of one engine, and runs to put in it.</summary>
internal sealed class RunStoreFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreDatabase _database;

    public RunStoreFixture(StoreEngine engine)
    {
        Engine = engine;
        _database = engine.Open();
        Store = engine.NewRunStore(_database, Time);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public RunStore Store { get; private set; }

    public StoreEngine Engine { get; }

    public static RunRecord Run(
        string scheduleId,
        long occurrence,
        DateTimeOffset scheduledAt,
        RunStatus status = RunStatus.Pending,
        RunTrigger trigger = RunTrigger.Schedule) =>
        new(RunRecord.MakeId(scheduleId, occurrence), scheduleId, occurrence, scheduledAt, null, null, status, trigger,
            [], null, "silo-a", "default", "target-1");

    /// <summary>Drains the store and opens a new one on the same database (a process restart).</summary>
    public async Task RestartAsync()
    {
        await Store.DisposeAsync();
        Store = Engine.NewRunStore(_database, Time);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _database.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
