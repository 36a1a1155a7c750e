using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Postgres;

public sealed class DatabaseClockCheckTests : IAsyncDisposable
{
    private readonly PostgresTestDatabase _server = new();
    private readonly PostgresDatabase _database;
    private readonly RecordingLogger _logger = new();

    public DatabaseClockCheckTests() => _database = new PostgresDatabase(_server.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task Check_SameClock_MeasuresLittleAndLogsNothing()
    {
        var check = new DatabaseClockCheck(_database, TimeProvider.System, _logger);

        var skew = await check.MeasureAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);

        Assert.NotNull(skew);
        Assert.True(skew.Value.Duration() < TimeSpan.FromSeconds(5), $"skew {skew}");
        Assert.Empty(_logger.Errors);
    }

    [Fact]
    public async Task Check_SiloClockTwoMinutesAhead_MeasuresItAndLogsAnError()
    {
        var ahead = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2));
        var check = new DatabaseClockCheck(_database, ahead, _logger);

        var skew = await check.MeasureAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);

        Assert.NotNull(skew);
        Assert.InRange(skew.Value.TotalSeconds, -125, -115);
        Assert.Contains("clock", Assert.Single(_logger.Errors), StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger<DatabaseClockCheck>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors.Add(formatter(state, exception));
            }
        }
    }
}
