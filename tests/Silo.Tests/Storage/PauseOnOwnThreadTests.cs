using System.Diagnostics;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class PauseOnOwnThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WaitAsync_CompletesNotBeforeTheDuration_AndCanBeginAgain()
    {
        using var pause = new PauseOnOwnThread("pause under test");

        foreach (var milliseconds in new[] { 30, 2, 30 })
        {
            var began = Stopwatch.GetTimestamp();
            await pause.WaitAsync(TimeSpan.FromMilliseconds(milliseconds)).WaitAsync(Patience);
            var waited = Stopwatch.GetElapsedTime(began);

            Assert.True(waited >= TimeSpan.FromMilliseconds(milliseconds), $"a {milliseconds} ms pause ended after {waited}");
        }
    }

    [Fact]
    public async Task WaitAsync_TwoAtOnce_RefusesTheSecond()
    {
        using var pause = new PauseOnOwnThread("pause under test");
        var first = pause.WaitAsync(TimeSpan.FromMilliseconds(50));

        Assert.Throws<InvalidOperationException>(() => { _ = pause.WaitAsync(TimeSpan.FromMilliseconds(50)); });
        await first.WaitAsync(Patience);
    }

    [Fact]
    public async Task Dispose_EndsAPauseUnderWay_AndLaterPausesEndAtOnce()
    {
        var pause = new PauseOnOwnThread("pause under test");
        var underWay = pause.WaitAsync(TimeSpan.FromHours(1));

        pause.Dispose();

        await underWay.WaitAsync(Patience);
        Assert.True(pause.WaitAsync(TimeSpan.FromHours(1)).IsCompleted);
    }
}
