using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansCron.Scheduling;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

/// <summary>Grain state and reminders through the Orleans ADO.NET providers on our own queries, run against each
/// engine by a subclass.</summary>
public abstract class SiloStorageTests
{
    /// <summary>Each engine's tests use a service id of their own.</summary>
    protected abstract string ServiceId { get; }

    /// <summary>Puts the silo's storage on the engine's fresh database.</summary>
    protected abstract void UseStorage(ISiloBuilder silo);

    /// <summary>Runs a query that returns one integer, behind the providers' backs.</summary>
    protected abstract long Scalar(string sql);

    [Fact]
    public async Task PersistentState_WrittenThenDeactivated_ReadsBack()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");

        await grain.SetAsync("hello", ProbeMood.Cheerful);
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var value = await grain.GetAsync();

        Assert.Equal("hello", value);
        Assert.Equal(1, Scalar("SELECT Version FROM OrleansStorage WHERE GrainTypeString = 'probe'"));
    }

    [Fact]
    public async Task PersistentState_StaleVersion_WriteIsRefused()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);
        Scalar("UPDATE OrleansStorage SET Version = Version + 1 RETURNING Version");

        var write = () => grain.SetAsync("second", ProbeMood.Calm);

        await Assert.ThrowsAsync<InconsistentStateException>(write);
        Assert.Equal("first", await grain.GetAsync());
    }

    [Fact]
    public async Task PersistentState_Cleared_ReadsAsEmptyAndCanBeWrittenAgain()
    {
        await using var cluster = await StartClusterAsync();
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
        await grain.SetAsync("first", ProbeMood.Calm);

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);
        var cleared = await grain.GetAsync();
        await grain.SetAsync("again", ProbeMood.Calm);

        Assert.Null(cleared);
        Assert.Equal(3, Scalar("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task Reminder_Registered_IsReadableAndSurvivesAClusterRestart()
    {
        var period = TimeSpan.FromHours(1);
        await using (var first = await StartClusterAsync())
        {
            var grain = first.Client.GetGrain<IStorageProbeGrain>("r1");
            await grain.RegisterReminderAsync("wake", period);
            Assert.True(await grain.HasReminderAsync("wake"));
        }

        await using var second = await StartClusterAsync();
        var restarted = await second.Client.GetGrain<IStorageProbeGrain>("r1").HasReminderAsync("wake");

        Assert.True(restarted);
        Assert.Equal((long)period.TotalMilliseconds, Scalar("SELECT Period FROM OrleansRemindersTable WHERE ReminderName = 'wake'"));
    }

    [Fact]
    public async Task Reminders_AreLoadedOverTheWindowThatTheRangeQueriesRead()
    {
        await using var cluster = await StartClusterAsync();

        var options = cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<ReminderOptions>>().Value;

        Assert.Equal(ReminderLoading.RefreshPeriod, options.RefreshReminderListPeriod);
        Assert.Equal(ReminderLoading.LoadingWindow, options.ReminderLoadingWindow);
        Assert.Equal(TimeSpan.FromMinutes(3), ReminderLoading.ReadHorizon);
    }

    [Fact]
    public async Task ReminderRangeRead_ReturnsTheRowsWithATickFromAMinuteAgoToThreeMinutesAhead()
    {
        await using var cluster = await StartClusterAsync();
        var table = cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var now = DateTime.UtcNow;
        var halfHour = TimeSpan.FromMinutes(30);
        var rows = new (string Name, DateTime Start, TimeSpan Period, bool Read)[]
        {
            ("ticks-in-two-minutes", now.AddMinutes(2) - (3 * halfHour), halfHour, true),
            ("ticked-thirty-seconds-ago", now.AddSeconds(-30) - halfHour, halfHour, true),
            ("first-tick-in-two-minutes", now.AddMinutes(2), halfHour, true),
            ("ticks-every-minute", now.AddDays(-3).AddSeconds(17), TimeSpan.FromMinutes(1), true),
            ("ticks-in-five-minutes", now.AddMinutes(5) - halfHour, halfHour, false),
            ("ticked-two-minutes-ago", now.AddMinutes(-2) - (5 * halfHour), halfHour, false),
            ("first-tick-in-ten-minutes", now.AddMinutes(10), halfHour, false),
            ("first-tick-in-thirty-days", now.AddDays(30), halfHour, false),
        };
        foreach (var (name, start, period, _) in rows)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = GrainId.Create("probe", "range"), ReminderName = name, StartAt = start, Period = period });
        }

        var expected = rows.Where(r => r.Read).Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, await ReadNamesAsync(table, unchecked((uint)int.MinValue), int.MaxValue));
        Assert.Equal(expected, await ReadNamesAsync(table, 0, 0));
        Assert.Equal(rows.Length, Scalar("SELECT COUNT(*) FROM OrleansRemindersTable"));
    }

    [Fact]
    public async Task ReminderRangeRead_ReturnsEveryRowOrleansWouldLoad_AndNoneFarFromIt()
    {
        await using var cluster = await StartClusterAsync();
        var table = cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var random = new Random(20261124);
        var now = DateTime.UtcNow;
        var rows = new List<ReminderEntry>();
        for (var i = 0; i < 300; i++)
        {
            var period = TimeSpan.FromSeconds(random.Next(60, 3 * 3600));
            var start = now.AddSeconds(random.Next(-10 * 86400, 3600)).AddMilliseconds(random.Next(1000));
            var row = new ReminderEntry { GrainId = GrainId.Create("probe", $"r{i}"), ReminderName = "wake", StartAt = start, Period = period };
            rows.Add(row);
            await table.UpsertRow(row);
        }

        var read = (await table.ReadRows(0, 0)).Reminders.Select(r => r.GrainId).ToHashSet();
        var readAt = DateTime.UtcNow;

        // Orleans loads a row whose next tick is within its window when it looks, just after the read.
        var loadable = rows.Where(r => NextTick(r, readAt) <= readAt + ReminderLoading.LoadingWindow).ToList();
        Assert.NotEmpty(loadable);
        Assert.All(loadable, r => Assert.Contains(r.GrainId, read));

        // Nothing is read without a tick near the read's own window (the test's clocks are a few seconds apart at most).
        var far = rows.Where(r => NextTick(r, now - ReminderLoading.ReadMargin - TimeSpan.FromSeconds(30)) > readAt + ReminderLoading.ReadHorizon + TimeSpan.FromSeconds(30)).ToList();
        Assert.True(far.Count > rows.Count / 2, $"{far.Count} of {rows.Count} far");
        Assert.All(far, r => Assert.DoesNotContain(r.GrainId, read));
    }

    /// <summary>A reminder's first tick at or after <paramref name="at"/>, as the schedules compute it.</summary>
    private static DateTime NextTick(ReminderEntry row, DateTime at) =>
        WakePlan.NextTick(new DateTimeOffset(row.StartAt, TimeSpan.Zero), row.Period, new DateTimeOffset(at, TimeSpan.Zero)).UtcDateTime;

    private static async Task<IEnumerable<string>> ReadNamesAsync(IReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToList();

    protected async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => UseStorage(silo));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
