using System.Data.Common;
using System.Diagnostics.Metrics;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class SqliteOpenLimitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AnOpenBeyondTheBound_WaitsUntilAConnectionCloses()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 2);
        var first = await dataSource.OpenConnectionAsync();

        // The Orleans providers' way: create, then open.
        await using var second = dataSource.CreateConnection();
        await second.OpenAsync();

        var third = dataSource.OpenConnectionAsync().AsTask();
        await WaitUntilAsync(() => dataSource.OpenLimit.Waiting == 1);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, dataSource.OpenLimit.Open);

        await first.DisposeAsync();
        await using var opened = await third.WaitAsync(Patience);

        Assert.Equal(System.Data.ConnectionState.Open, opened.State);
        Assert.Equal(2, dataSource.OpenLimit.Open);
        Assert.Equal(0, dataSource.OpenLimit.Waiting);
    }

    [Fact]
    public async Task AKeptConnection_OpensWhileTheBoundIsFull_AndTakesNoPlace()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 1);
        await using var held = await dataSource.OpenConnectionAsync();

        await using var kept = await dataSource.OpenKeptAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        await kept.DisposeAsync();

        Assert.Equal(1, dataSource.OpenLimit.Open);
        await held.DisposeAsync();
        Assert.Equal(0, dataSource.OpenLimit.Open);
    }

    [Fact]
    public async Task AWaitingOpenThatIsCancelled_TakesNoPlace()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 1);
        var held = await dataSource.OpenConnectionAsync();
        using var cancel = new CancellationTokenSource();

        var waiting = dataSource.OpenConnectionAsync(cancel.Token).AsTask();
        await WaitUntilAsync(() => dataSource.OpenLimit.Waiting == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        await held.DisposeAsync();
        Assert.Equal(0, dataSource.OpenLimit.Open);
        Assert.Equal(0, dataSource.OpenLimit.Waiting);
        await using var next = await dataSource.OpenConnectionAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(1, dataSource.OpenLimit.Open);
    }

    [Fact]
    public async Task AConnectionClosedAndOpenedAgain_HoldsOnePlace_AndGivesItBackOnce()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 2);
        var connection = dataSource.CreateConnection();
        await connection.OpenAsync();
        await connection.OpenAsync();
        Assert.Equal(1, dataSource.OpenLimit.Open);

        await connection.CloseAsync();
        Assert.Equal(0, dataSource.OpenLimit.Open);
        connection.Open();
        Assert.Equal(1, dataSource.OpenLimit.Open);

        await connection.CloseAsync();
        await connection.DisposeAsync();
        Assert.Equal(0, dataSource.OpenLimit.Open);
    }

    [Fact]
    public async Task WhileTheOrleansLaneIsFullAndQueued_OurReadOpensAtOnce()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 1, maxOrleansConnections: 1);
        using var lanes = new LaneGauges(dataSource);
        var providers = dataSource.ForOrleans;
        var held = await providers.OpenConnectionAsync();
        var queued = providers.OpenConnectionAsync().AsTask();
        await WaitUntilAsync(() => providers.OpenLimit.Waiting == 1);

        await using (var read = await dataSource.OpenConnectionAsync().AsTask().WaitAsync(Patience))
        {
            Assert.Equal(System.Data.ConnectionState.Open, read.State);
            Assert.Equal((1, 0), lanes.Read("stores"));
            Assert.Equal((1, 1), lanes.Read("orleans"));
        }

        Assert.False(queued.IsCompleted);
        await held.DisposeAsync();
        await using var opened = await queued.WaitAsync(Patience);
        Assert.Equal((0, 0), (dataSource.OpenLimit.Open, dataSource.OpenLimit.Waiting));
        Assert.Equal((1, 0), lanes.Read("orleans"));
    }

    [Fact]
    public async Task ManyAutocommitWritersAtOnce_AllWrite_ThroughABoundFarSmallerThanTheirNumber()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath, maxOpenConnections: 4);
        await using (var setup = await dataSource.OpenConnectionAsync())
        {
            await ExecuteAsync(setup, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER);");
        }

        // As the grain-state and reminder providers write: open, then an autocommit write that takes its turn at the
        // write gate while its connection is open. The bound must not wedge the gate's queue.
        var mostOpen = 0;
        var writers = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            await using var connection = dataSource.CreateConnection();
            await connection.OpenAsync();
            InterlockedMax(ref mostOpen, dataSource.OpenLimit.Open);
            await ExecuteAsync(connection, $"INSERT INTO t VALUES ({i});");
        }));
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.InRange(mostOpen, 1, 4);
        Assert.Equal(300L, _file.Scalar("SELECT count(DISTINCT v) FROM t"));
        Assert.Equal(0, dataSource.OpenLimit.Open);
    }

    private static void InterlockedMax(ref int location, int value)
    {
        for (var seen = Volatile.Read(ref location); value > seen; seen = Volatile.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, seen) == seen)
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(5);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // The storage meter's two connection gauges, read per lane.
    private sealed class LaneGauges : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string Gauge, string Lane), int> _values = [];

        public LaneGauges(SqliteDataSource dataSource)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, dataSource.WriteGate.Meter) && instrument.Name.StartsWith("orleanscron.sqlite.connections.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "lane")
                    {
                        _values[(instrument.Name, (string)tag.Value!)] = value;
                    }
                }
            });
            _listener.Start();
        }

        /// <summary>(open, waiting) of one lane, measured now.</summary>
        public (int Open, int Waiting) Read(string lane)
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return (_values[("orleanscron.sqlite.connections.open", lane)], _values[("orleanscron.sqlite.connections.waiting", lane)]);
        }

        public void Dispose() => _listener.Dispose();
    }
}
