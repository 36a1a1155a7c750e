using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Runs;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>A run store over a fresh file, and runs to put in it.</summary>
internal sealed class RunStoreFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _file = new();
    private readonly SqliteDatabase _database;

    public RunStoreFixture()
    {
        _database = _file.Open();
        Store = new SqliteRunStore(_database, Time, NullLogger<SqliteRunStore>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public SqliteRunStore Store { get; private set; }

    public TempDatabase File => _file;

    public static RunRecord Run(
        string scheduleId,
        long occurrence,
        DateTimeOffset scheduledAt,
        RunStatus status = RunStatus.Pending,
        RunTrigger trigger = RunTrigger.Schedule) =>
        new(RunRecord.MakeId(scheduleId, occurrence), scheduleId, occurrence, scheduledAt, null, null, status, trigger,
            [], null, "silo-a", "default", "target-1");

    /// <summary>Drains the store and opens a new one on the same file (a process restart).</summary>
    public async Task RestartAsync()
    {
        await Store.DisposeAsync();
        Store = new SqliteRunStore(_database, Time, NullLogger<SqliteRunStore>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _database.DisposeAsync();
        _file.Dispose();
    }
}
