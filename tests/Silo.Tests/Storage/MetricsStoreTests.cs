using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>The schedule-metrics store's behaviour, run against each engine by a subclass.</summary>
public abstract class MetricsStoreTests : IAsyncLifetime
{
    private readonly StoreEngine _engine;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly StoreDatabase _database;
    private MetricsStore _store;

    private protected MetricsStoreTests(StoreEngine engine)
    {
        _engine = engine;
        _database = engine.Open();
        _store = NewStore();
    }

    public Task InitializeAsync() => _database.EnsureMigratedAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Save_BeforeAnyFlush_IsWhatALoadReturns_AndNothingIsWrittenYet()
    {
        _store.Save("sch_a", """{"v":1}""");

        Assert.Equal("""{"v":1}""", await _store.LoadAsync("sch_a"));
        Assert.Equal(0, _engine.Scalar("SELECT count(*) FROM oc_schedule_metrics"));
    }

    [Fact]
    public async Task ManySavesThenAFlush_WriteOnlyTheLatestPerKey_InOneGo()
    {
        for (var i = 1; i <= 5; i++)
        {
            _store.Save("sch_a", $$"""{"v":{{i}}}""");
            _store.Save("sch_b", $$"""{"w":{{i}}}""");
        }

        await _store.FlushAsync();

        Assert.Equal(2, _store.WrittenCount);
        Assert.Equal(2, _engine.Scalar("SELECT count(*) FROM oc_schedule_metrics"));
        await RestartAsync();
        Assert.Equal("""{"v":5}""", await _store.LoadAsync("sch_a"));
        Assert.Equal("""{"w":5}""", await _store.LoadAsync("sch_b"));
    }

    [Fact]
    public async Task Delete_AfterAWrittenSave_RemovesTheRow()
    {
        _store.Save("sch_a", """{"v":1}""");
        await _store.FlushAsync();

        _store.Delete("sch_a");
        Assert.Null(await _store.LoadAsync("sch_a"));
        await _store.FlushAsync();

        Assert.Equal(0, _engine.Scalar("SELECT count(*) FROM oc_schedule_metrics"));
        await RestartAsync();
        Assert.Null(await _store.LoadAsync("sch_a"));
    }

    [Fact]
    public async Task FlushIntervalPasses_WritesInTheBackground()
    {
        _store.Save("sch_a", """{"v":1}""");

        _time.Advance(MetricsStore.FlushInterval);
        for (var i = 0; i < 200 && _engine.Scalar("SELECT count(*) FROM oc_schedule_metrics") == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, _engine.Scalar("SELECT count(*) FROM oc_schedule_metrics"));
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedSaves_WritesThem()
    {
        _store.Save("sch_a", """{"v":1}""");

        await RestartAsync();

        Assert.Equal("""{"v":1}""", await _store.LoadAsync("sch_a"));
    }

    private async Task RestartAsync()
    {
        await _store.DisposeAsync();
        _store = NewStore();
    }

    private MetricsStore NewStore() => new(_database, _time, NullLogger<MetricsStore>.Instance);
}
