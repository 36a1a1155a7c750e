using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class CompletionPacerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void ALoneCompletion_WaitsItsOwnSpread()
    {
        var pacer = Pacer(rate: 10);

        Assert.Equal(TimeSpan.FromSeconds(7.3), pacer.Delay(TimeSpan.FromSeconds(7.3)));
    }

    [Fact]
    public void ACrowdSpentAtOnce_IsSpreadAtTheRate_NoneBeforeItsOwnSpread()
    {
        var pacer = Pacer(rate: 10);
        var spreads = Enumerable.Range(0, 50).Select(i => TimeSpan.FromSeconds(5 + (i * 7 % 10) / 10.0)).ToArray();

        var delays = spreads.Select(pacer.Delay).ToArray();

        Assert.All(delays.Zip(spreads), pair => Assert.True(pair.First >= pair.Second, $"{pair.First} before its spread {pair.Second}"));
        var ordered = delays.Order().ToArray();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(100), $"{pair.First} and {pair.Second}"));

        // And no later than needed: the last within the longest spread plus a slot for each of the others.
        Assert.True(ordered[^1] <= spreads.Max() + TimeSpan.FromMilliseconds(100 * 49), $"the last at {ordered[^1]}");
    }

    [Fact]
    public void OnceTheCrowdsSlotsHavePassed_ACompletionWaitsItsOwnSpreadAgain()
    {
        var pacer = Pacer(rate: 10);
        HandOutCrowd(pacer, count: 100, TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.FromSeconds(5), pacer.Delay(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void WhileTheCrowdsSlotsAreAhead_ALaterCompletionQueuesBehindThem()
    {
        var pacer = Pacer(rate: 10);
        HandOutCrowd(pacer, count: 100, TimeSpan.FromSeconds(5));

        // The hundredth slot is 5 s + 9.9 s from the start; a second later, the next is 0.1 s after it.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(14), pacer.Delay(TimeSpan.FromSeconds(5)));
    }

    // A crowd spent at one instant, each wanting the same spread (100 wanting 5 s, at 10 a second: slots 5.0 to 14.9 s).
    private static void HandOutCrowd(CompletionPacer pacer, int count, TimeSpan spread)
    {
        for (var i = 0; i < count; i++)
        {
            pacer.Delay(spread);
        }
    }

    private CompletionPacer Pacer(int rate) => new(Options.Create(new SchedulingOptions { CompletionRate = rate }), _time);
}
