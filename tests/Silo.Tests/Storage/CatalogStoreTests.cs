using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Silo.Storage;
using OrleansCron.Storage;
using static OrleansCron.Tests.Storage.CatalogViews;

namespace OrleansCron.Tests.Storage;

/// <summary>The catalog store's behaviour, run against each engine by a subclass.</summary>
public abstract partial class CatalogStoreTests : IAsyncLifetime
{
    private readonly StoreEngine _engine;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly StoreDatabase _database;
    private CatalogStore _store;

    private protected CatalogStoreTests(StoreEngine engine)
    {
        _engine = engine;
        _database = engine.Open();
        _store = NewStore();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task UpsertTargetAsync_ThenList_RoundTripsTheView()
    {
        var target = Target("t1", "team-a", "prod");

        await _store.UpsertTargetAsync(target);
        await _store.LinkScheduleAsync("t1", "s1");
        var page = await _store.ListTargetsAsync(new TargetQuery(null, null, null, 10));

        Assert.Equal(Json(target), Json(Assert.Single(page.Items)));
    }

    [Fact]
    public async Task ListTargetsAsync_Tag_MatchesOneTagExactly()
    {
        await _store.UpsertTargetAsync(Target("t1", "default", "prod", "eu"));
        await _store.UpsertTargetAsync(Target("t2", "default", "prod-eu"));
        await _store.UpsertTargetAsync(Target("t3", "default", "Prod"));

        var page = await _store.ListTargetsAsync(new TargetQuery("prod", null, null, 10));

        Assert.Equal(["t1"], page.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task UpsertTargetAsync_NewTags_ReplacesTheOldOnes()
    {
        await _store.UpsertTargetAsync(Target("t1", "default", "old"));

        await _store.UpsertTargetAsync(Target("t1", "default", "new"));

        Assert.Empty((await _store.ListTargetsAsync(new TargetQuery("old", null, null, 10))).Items);
        Assert.Single((await _store.ListTargetsAsync(new TargetQuery("new", null, null, 10))).Items);
    }

    [Fact]
    public async Task ListTargetsAsync_OwnerAndPages_ReturnsEachMatchOnceInIdOrder()
    {
        foreach (var i in new[] { 5, 1, 9, 3, 7, 2, 8, 4, 6 })
        {
            await _store.UpsertTargetAsync(Target("t" + i, i % 3 == 0 ? "other" : "team-a"));
        }

        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await _store.ListTargetsAsync(new TargetQuery(null, "team-a", cursor, 2));
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(["t1", "t2", "t4", "t5", "t7", "t8"], seen);
    }

    [Fact]
    public async Task LinkScheduleAsync_RecordsEachScheduleOnce_AndTheListingCountsThem()
    {
        await _store.UpsertTargetAsync(Target("t1"));
        await _store.UpsertTargetAsync(Target("t2"));

        await _store.LinkScheduleAsync("t1", "s2");
        await _store.LinkScheduleAsync("t1", "s1");
        await _store.LinkScheduleAsync("t1", "s2");
        await _store.LinkScheduleAsync("t2", "s3");
        await _store.UnlinkScheduleAsync("t2", "s3");
        await _store.UnlinkScheduleAsync("t2", "s3");

        Assert.Equal(["s1", "s2"], (await _store.LinkedSchedulesAsync("t1")).ToArray());
        Assert.Empty(await _store.LinkedSchedulesAsync("t2"));
        var page = await _store.ListTargetsAsync(new TargetQuery(null, null, null, 10));
        Assert.Equal([("t1", 2), ("t2", 0)], page.Items.Select(t => (t.Id, t.ScheduleCount)));
    }

    [Fact]
    public async Task DeleteTargetAsync_Existing_RemovesItAndItsTags()
    {
        await _store.UpsertTargetAsync(Target("t1", "default", "prod"));

        await _store.LinkScheduleAsync("t1", "s1");

        await _store.DeleteTargetAsync("t1");

        Assert.Empty((await _store.ListTargetsAsync(new TargetQuery(null, null, null, 10))).Items);
        Assert.Equal(0, _engine.Scalar("SELECT COUNT(*) FROM oc_target_tags"));
        Assert.Empty(await _store.LinkedSchedulesAsync("t1"));
    }

    [Fact]
    public async Task ListSchedulesAsync_EachFilter_ReturnsOnlyMatches()
    {
        await _store.UpsertScheduleAsync(Schedule("s1", "t1", ScheduleStatus.Active, ScheduleKind.Cron, null, "team-a", "nightly"));
        await _store.UpsertScheduleAsync(Schedule("s2", "t2", ScheduleStatus.Paused, ScheduleKind.Interval, null, "team-a"));
        await _store.UpsertScheduleAsync(Schedule("s3", "t1", ScheduleStatus.Active, ScheduleKind.Once, null, "team-b", "nightly-eu"));

        async Task<string[]> Ids(ScheduleQuery query) => [.. (await _store.ListSchedulesAsync(query)).Items.Select(s => s.Id)];

        Assert.Equal(["s1", "s3"], await Ids(new ScheduleQuery(ScheduleStatus.Active, null, null, null, null, null, 10)));
        Assert.Equal(["s2"], await Ids(new ScheduleQuery(null, ScheduleKind.Interval, null, null, null, null, 10)));
        Assert.Equal(["s1"], await Ids(new ScheduleQuery(null, null, "nightly", null, null, null, 10)));
        Assert.Equal(["s1", "s3"], await Ids(new ScheduleQuery(null, null, null, "t1", null, null, 10)));
        Assert.Equal(["s3"], await Ids(new ScheduleQuery(null, null, null, null, "team-b", null, 10)));
        Assert.Equal(["s2"], await Ids(new ScheduleQuery(null, null, null, null, null, new PageCursor(0, "s1").Encode(), 1)));
    }

    [Fact]
    public async Task ListSchedulesAsync_AfterSetNextFireAt_ShowsLatestNextFireAndNoLastRun()
    {
        var view = Schedule("s1", nextFireAt: T0.AddMinutes(5));
        await _store.UpsertScheduleAsync(view);

        _store.SetNextFireAt("s1", T0.AddMinutes(10));
        var item = Assert.Single((await _store.ListSchedulesAsync(new ScheduleQuery(null, null, null, null, null, null, 10))).Items);

        Assert.Equal(T0.AddMinutes(10), item.NextFireAt);
        Assert.Null(item.LastRun);
        Assert.Equal(Json(view.Spec), Json(item.Spec));
    }

    private CatalogStore NewStore() => _engine.NewCatalogStore(_database, _time);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StorageJson.Options);
}
