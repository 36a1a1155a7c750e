using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansCron.Runs;
using OrleansCron.Silo.Storage;
using static OrleansCron.Tests.Scheduling.Cluster.ScheduleScenario;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>
/// An attempt report waits longer than the silo's other calls: a silo that is behind must still take each report in
/// turn, not let it expire in the queue and have the dispatcher send it again to the back of it.
/// </summary>
public sealed class AttemptReportTimeoutTests : IAsyncLifetime
{
    // Other calls in this silo give up after this (short, yet with room for a busy machine); the report is held up
    // for longer.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeldUp = TimeSpan.FromSeconds(9);

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = NewClock();
    private readonly string _dataDirectory = NewDataDirectory();
    private ScheduleTestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ScheduleTestSilo.StartAsync(
        _dataDirectory, _time, silo => silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AReport_HeldUpLongerThanOtherCallsMayTake_IsStillAnswered()
    {
        var id = await CreateAsync(_silo.Grains, Interval("tgt_slow", 10));
        await AdvanceAsync(_time, TimeSpan.FromSeconds(10));
        var request = (await WaitForDispatchesAsync(_silo.Dispatcher, 1))[0];

        // Another process holds the file's write lock, so recording the outcome waits for it, as behind a backlog.
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, SiloBuilderStorageExtensions.DatabaseFileName)};Pooling=False"))
        {
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            // From inside the silo, as the dispatcher reports, so the silo's response timeout is the one that applies.
            var grains = _silo.Services.GetRequiredService<IGrainFactory>();
            var report = CompleteAsync(grains, request, 200, _time.GetUtcNow());
            if (await Task.WhenAny(report, Task.Delay(HeldUp)) == report)
            {
                await report; // a TimeoutException here is what this test is about
                Assert.Fail("the report was answered while the write lock was held");
            }

            await using (var rollback = other.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            await report;
        }

        var runs = await WaitForRunsAsync(_silo.Grains, id, r => r.Length == 1, "the run");
        Assert.Equal(RunStatus.Succeeded, runs[0].Status);
    }
}
