using OrleansCron.Catalog;
using OrleansCron.Schedules;
using static OrleansCron.Tests.Storage.CatalogViews;

namespace OrleansCron.Tests.Storage;

public abstract partial class CatalogStoreTests
{
    [Fact]
    public async Task UpcomingAsync_Mixed_ReturnsActiveWithNextFireSoonestFirst()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", "t1", nextFireAt: T0.AddMinutes(30)));
        await _store.UpsertScheduleAsync(Schedule("s2", "t2", nextFireAt: T0.AddMinutes(10)));
        await _store.UpsertScheduleAsync(Schedule("s3", "t3", ScheduleStatus.Paused, nextFireAt: T0.AddMinutes(1)));
        await _store.UpsertScheduleAsync(Schedule("s4", "t4", nextFireAt: null));
        await _store.UpsertScheduleAsync(Schedule("s5", "t5", nextFireAt: T0.AddMinutes(20)));

        var upcoming = await _store.UpcomingAsync(2);

        Assert.Equal([new UpcomingEntry("s2", "t2", T0.AddMinutes(10)), new UpcomingEntry("s5", "t5", T0.AddMinutes(20))], upcoming.ToArray());
    }

    [Fact]
    public async Task DueBeforeAsync_Mixed_ReturnsActiveOverdueAndDueOnes()
    {
        await _store.UpsertScheduleAsync(Schedule("overdue", nextFireAt: T0.AddHours(-3)));
        await _store.UpsertScheduleAsync(Schedule("soon", nextFireAt: T0.AddMinutes(1)));
        await _store.UpsertScheduleAsync(Schedule("later", nextFireAt: T0.AddMinutes(10)));
        await _store.UpsertScheduleAsync(Schedule("paused", status: ScheduleStatus.Paused, nextFireAt: T0.AddMinutes(-1)));

        var due = await _store.DueBeforeAsync(T0.AddMinutes(5));

        Assert.Equal(["overdue", "soon"], due.ToArray());
    }

    [Fact]
    public async Task SetNextFireAt_ManyValuesBeforeAFlush_WritesOnlyTheLatestPerSchedule()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", nextFireAt: T0));
        await _store.UpsertScheduleAsync(Schedule("s2", nextFireAt: T0));

        for (var i = 1; i <= 100; i++)
        {
            _store.SetNextFireAt("s1", T0.AddMinutes(i));
        }

        _store.SetNextFireAt("s2", null);
        await _store.FlushNextFireAsync();

        Assert.Equal(2, _store.FlushedNextFireCount);
        Assert.Equal(T0.AddMinutes(100).ToUnixTimeMilliseconds(), _engine.Scalar("SELECT next_fire_at FROM oc_schedules WHERE id = 's1'"));
        Assert.Equal(1, _engine.Scalar("SELECT COUNT(*) FROM oc_schedules WHERE id = 's2' AND next_fire_at IS NULL"));
    }

    [Fact]
    public async Task SetNextFireAt_WhenFlushIntervalPasses_WritesInTheBackground()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", nextFireAt: T0));
        _store.SetNextFireAt("s1", T0.AddHours(1));

        _time.Advance(OrleansCron.Silo.Storage.CatalogStore.FlushInterval);

        Assert.True(SpinWait.SpinUntil(() => _store.FlushedNextFireCount == 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(T0.AddHours(1).ToUnixTimeMilliseconds(), _engine.Scalar("SELECT next_fire_at FROM oc_schedules WHERE id = 's1'"));
    }

    [Fact]
    public async Task DisposeAsync_WithPendingNextFire_FlushesIt()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", nextFireAt: T0));
        _store.SetNextFireAt("s1", T0.AddHours(2));

        await _store.DisposeAsync();
        _store = NewStore();

        Assert.Equal(T0.AddHours(2), Assert.Single(await _store.UpcomingAsync(10)).NextFireAt);
    }

    [Fact]
    public async Task UpsertScheduleAsync_AfterSetNextFireAt_TheViewWins()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", nextFireAt: T0));
        _store.SetNextFireAt("s1", T0.AddMinutes(1));

        await _store.UpsertScheduleAsync(Schedule("s1", status: ScheduleStatus.Active, nextFireAt: T0.AddMinutes(7)));

        Assert.Equal(T0.AddMinutes(7), Assert.Single(await _store.UpcomingAsync(10)).NextFireAt);
    }

    [Fact]
    public async Task DeleteScheduleAsync_WithPendingNextFire_LeavesNothing()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", "t1", nextFireAt: T0, tags: ["nightly"]));
        _store.SetNextFireAt("s1", T0.AddMinutes(1));

        await _store.DeleteScheduleAsync("s1");

        Assert.Empty(await _store.UpcomingAsync(10));
        Assert.Equal(0, _engine.Scalar("SELECT COUNT(*) FROM oc_schedules") + _engine.Scalar("SELECT COUNT(*) FROM oc_schedule_tags"));
    }
}
