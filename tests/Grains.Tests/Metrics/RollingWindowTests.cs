using Microsoft.Extensions.Time.Testing;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Metrics.Outcomes;

namespace OrleansCron.Tests.Metrics;

public class RollingWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 15, 20, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MetricsState _state = new();

    [Fact]
    public void Sum_LastHourAfter59Minutes_StillHoldsTheRun()
    {
        _state.Record(Batch(Succeeded("s", Start)), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(59));
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(1, snapshot.LastHour.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void Sum_LastHourAfter61Minutes_DropsTheRunButDayAndAllTimeKeepIt()
    {
        _state.Record(Batch(Succeeded("s", Start)), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(61));
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, snapshot.LastHour.Latency.Count);
        Assert.Null(snapshot.LastHour.SuccessRate);
        Assert.Equal(1, snapshot.LastDay.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void Sum_LastDayAfter25Hours_DropsTheRun()
    {
        _state.Record(Batch(Succeeded("s", Start)), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromHours(23));
        var within = _state.ToSnapshot("s", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(2));
        var after = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(1, within.LastDay.Runs[RunStatus.Succeeded]);
        Assert.Equal(0, after.LastDay.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, after.AllTime.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void CountersAt_SlotReusedAnHourLater_HoldsOnlyTheNewRun()
    {
        _state.Record(Batch(Succeeded("s", Start)), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(1));

        _state.Record(Batch(Run("s", RunStatus.Failed, _time.GetUtcNow())), _time.GetUtcNow());
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.LastHour.Runs[RunStatus.Failed]);
        Assert.Equal(2, snapshot.AllTime.Runs.Values.Sum());
    }

    [Fact]
    public void Record_RunFinishedBeforeTheHour_CountsInDayAndAllTimeOnly()
    {
        var finishedAt = Start - TimeSpan.FromMinutes(90);

        _state.Record(Batch(Succeeded("s", finishedAt)), _time.GetUtcNow());
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.LastDay.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.AllTime.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void Record_AttemptStartedBeforeTheHour_CountsRunButNotAttemptInLastHour()
    {
        var run = Run("s", RunStatus.Failed, Start, Attempt(ErrorClass.Timeout, 30_000, Start - TimeSpan.FromMinutes(61)));

        _state.Record(Batch(run), _time.GetUtcNow());
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(1, snapshot.LastHour.Runs[RunStatus.Failed]);
        Assert.Equal(0, snapshot.LastHour.Attempts[ErrorClass.Timeout]);
        Assert.Equal(1, snapshot.LastDay.Attempts[ErrorClass.Timeout]);
    }

    [Fact]
    public void Record_FinishedInTheFuture_CountsInTheCurrentSlot()
    {
        _state.Record(Batch(Succeeded("s", Start + TimeSpan.FromMinutes(5))), _time.GetUtcNow());

        // 10:16:00: the 09:20 slot would still be live, the current slot of 09:15:20 is not.
        _time.Advance(TimeSpan.FromSeconds(3640));
        var snapshot = _state.ToSnapshot("s", _time.GetUtcNow());

        Assert.Equal(0, snapshot.LastHour.Runs[RunStatus.Succeeded]);
        Assert.Equal(1, snapshot.LastDay.Runs[RunStatus.Succeeded]);
    }

    [Fact]
    public void Prune_AfterAnHour_ClearsStaleSlots()
    {
        var window = new RollingWindow();
        window.CountersAt(WindowShape.LastHour, Start, Start)!.AddRun(RunStatus.Succeeded);

        window.Prune(WindowShape.LastHour, Start + TimeSpan.FromMinutes(61));

        Assert.All(window.Slots, Assert.Null);
    }

    [Fact]
    public void Sum_SlotsStoredInAnotherLayout_AreReLaidOut()
    {
        var window = new RollingWindow();
        var period = WindowShape.LastHour.PeriodOf(Start);
        var slot = new MetricsSlot { Period = period };
        slot.Counters.AddRun(RunStatus.Missed);
        window.Slots = [slot];

        var sum = window.Sum(WindowShape.LastHour, Start);

        Assert.Equal(60, window.Slots.Length);
        Assert.Same(slot, window.Slots[(int)(period % 60)]);
        Assert.Equal(1, sum.RunCount(RunStatus.Missed));
    }
}
