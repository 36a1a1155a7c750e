using Microsoft.Extensions.Time.Testing;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed partial class HttpDispatcherTests
{
    [Fact]
    public async Task Enqueue_ScheduleOutOfReachForOverAMinute_ReportIsTriedUntilDelivered()
    {
        await using var server = await LoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DispatchRequests.ScheduledAt);
        var reporter = new CollectingReporter(failFirst: 20);
        await using var dispatcher = Create(reporter, timeProvider: time);

        // Twenty failed tries take 81 s of pauses (200 ms doubling, then 5 s each). The clock moves only once the
        // attempt has been answered, so that its own timeout cannot run out.
        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var report = reporter.NextAsync();
        while (!report.IsCompleted)
        {
            await Task.Delay(5);
            if (reporter.Calls > 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(200));
            }
        }

        var (_, outcome) = await report;
        Assert.Equal(ErrorClass.None, outcome.Attempt.ErrorClass);
        Assert.Equal(21, reporter.Calls);
        Assert.Single(server.Requests);

        // The pause stops doubling at 5 s (doubling on, the twentieth pause alone would be over a day).
        Assert.InRange(time.GetUtcNow() - DispatchRequests.ScheduledAt, TimeSpan.FromSeconds(81), TimeSpan.FromMinutes(3));
        Assert.True(await dispatcher.DrainAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task DrainAsync_WhileAReportIsUndelivered_WaitsForIt()
    {
        await using var server = await LoopbackServer.StartAsync();
        var reporter = new CollectingReporter(failFirst: int.MaxValue);
        await using var dispatcher = Create(reporter);

        dispatcher.Enqueue(DispatchRequests.For(DispatchRequests.Target(server.Url("/"))));
        var drained = await dispatcher.DrainAsync(TimeSpan.FromSeconds(5));

        // Answered, but the schedule never heard of it: not drained (a restart would otherwise take it for cut off).
        Assert.Single(server.Requests);
        Assert.False(drained);
        Assert.True(reporter.Calls >= 2, $"{reporter.Calls} report tries in 5 s");
    }
}
